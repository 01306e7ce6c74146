"""The import error report, saved to send back to whoever made the roster file: line, name, column
and reason, as Excel (right to left) or CSV (UTF-8 with a BOM, so Excel reads the Arabic)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

if TYPE_CHECKING:
    from fieldapp.services.roster_import import RowError

HEADERS = ("السطر", "الاسم", "العمود", "السبب")


def _rows(errors: Sequence[RowError]) -> list[tuple[int, str, str, str]]:
    return [(e.line, e.name, e.column or "", e.message) for e in errors]


def import_errors_file(errors: Sequence[RowError], path: Path | str) -> Path:
    """Write the report; the format follows the file's suffix (.xlsx, else CSV)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "أخطاء الاستيراد"
        sheet.sheet_view.rightToLeft = True
        sheet.append(HEADERS)
        for row in _rows(errors):
            sheet.append(row)
        for column, width in zip("ABCD", (8, 30, 18, 70), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADERS)
            writer.writerows(_rows(errors))
    return path
