"""The import wizard handed a workbook that makes the spreadsheet reader abort: the app stays up."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldapp.gui.people import PeopleScreen
from fieldapp.gui.people.importer import PREVIEW
from tests.unit.test_hostile_files import _ROSTER, _xlsx


def test_next_on_a_workbook_that_aborts_the_reader_shows_a_message(gui_ctx, qtbot, tmp_path):
    screen = PeopleScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    dialog = screen.open_import()
    dialog.choose_file(_xlsx(tmp_path / "lying.xlsx", {**_ROSTER, (1048576, 16384): "x"}))  # no dimension
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.file_error.text()), timeout=30_000)
    assert "damaged" in dialog.file_error.text() or "تالف" in dialog.file_error.text()
    assert dialog.step() != PREVIEW
    dialog.choose_file(_xlsx(tmp_path / "ok.xlsx", _ROSTER))  # the same dialog reads the next file
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=30_000)
    assert dialog.preview.row_count == 1
