"""`fieldapp screenshots`: every screen of the navigation is rendered, with demo data, in both languages."""

from __future__ import annotations

from PySide6.QtGui import QImage

from fieldapp.config import DataDir


def test_every_screen_is_rendered_to_png_with_demo_data(gui_app, tmp_path):
    from fieldapp.gui.screens_registry import screen_factories
    from fieldapp.gui.screenshots import render_screenshots

    written = render_screenshots(DataDir(tmp_path / "data"), tmp_path / "shots", lang="ar")
    keys = [key for key, _factory in screen_factories()]
    screens = ["login.png"] + [f"{i + 1:02d}-{k}.png" for i, k in enumerate(keys)]
    screens += ["desk-search.png", "gifts-log.png", "gifts-stock.png", "people-record.png"]
    sync_states = [
        "sync-01-enrol.png",
        "sync-02-synced.png",
        "sync-04-clock-wrong.png",
        "sync-05-revoked.png",
        "sync-03-offline-waiting.png",
        "sync-03b-details.png",  # the details popup, at its own size
        "sync-06-review-conflict.png",
        "sync-07-review-duplicate.png",
    ]
    assert [p.name for p in written] == screens + sync_states
    for path in written:
        image = QImage(str(path))
        if path.name != "sync-03b-details.png":
            assert (image.width(), image.height()) == (1366, 768), path.name
        # A rendered screen has many colours; a blank or placeholder page has a handful.
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 40, path.name
