"""`fieldapp screenshots`: every screen of the navigation is rendered, with demo data, in both languages."""

from __future__ import annotations

from PySide6.QtGui import QImage

from fieldapp.config import DataDir


def test_every_screen_is_rendered_to_png_with_demo_data(gui_app, tmp_path):
    from fieldapp.gui.screens_registry import screen_factories
    from fieldapp.gui.screenshots import render_screenshots

    written = render_screenshots(DataDir(tmp_path / "data"), tmp_path / "shots", lang="ar")
    keys = [key for key, _factory in screen_factories()]
    screens = [f"{i + 1:02d}-{k}.png" for i, k in enumerate(keys)]
    assert [p.name for p in written] == ["login.png", *screens, "people-record.png"]
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768), path.name
        # A rendered screen has many colours; a blank or placeholder page has a handful.
        colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
        assert len(colours) > 40, path.name
