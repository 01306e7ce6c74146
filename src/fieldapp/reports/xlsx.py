"""Excel exports with openpyxl: a right-to-left sheet, Arabic headers, real date and number cells.

Layout of every sheet: a title block (organisation, report, event, dates), then the header row
(frozen, so it stays visible while scrolling), then one row per line, then the totals.

Every cell is written through `_cell`: text is always a text cell, never a formula (a name typed
as `=HYPERLINK("http://…?"&B9)` stays those characters; OWASP "CSV injection"), with Excel's
quote prefix when it starts like one so editing it in Excel keeps it text; control characters,
which a spreadsheet cannot hold, are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.core import dates
from fieldapp.reports.labels import (
    ATTENDANCE_HEADERS,
    GIFT_HEADERS,
    NO,
    STATES,
    YES,
    flags_text,
    gift_flags_text,
    local_naive,
)

if TYPE_CHECKING:
    from fieldapp.services.attendance import EventAttendance
    from fieldapp.services.events import EventView
    from fieldapp.services.gifts import HandoverView

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HOURS_FORMAT = "0.00"
_HEADER_FILL = PatternFill("solid", fgColor="E3F1EC")
_HEADER_FONT = Font(bold=True, color="08523C")
_TITLE_FONT = Font(bold=True, size=14, color="08523C")
_THIN = Side(style="thin", color="C9D3CF")
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True, readingOrder=2)
_CENTER = Alignment(horizontal="center", vertical="center")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(ws: Worksheet, row: int, column: int, value: Any = None) -> Cell:
    """The cell at (row, column) holding `value` as data: text is text, never a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would take "=…" as a formula
        if text.lstrip(" ").startswith(_FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _sheet(wb: Workbook, title: str) -> Worksheet:
    ws = wb.active
    ws.title = title[:31]
    ws.sheet_view.rightToLeft = True
    return ws


def _title_block(ws: Worksheet, lines: Sequence[str], width: int) -> int:
    """Title lines merged across the table; returns the header row number."""
    row = 1
    for index, text in enumerate(line for line in lines if line):
        cell = _cell(ws, row, 1, text)
        cell.font = _TITLE_FONT if index == 0 else Font(color="5C6B65")
        cell.alignment = Alignment(horizontal="right", vertical="center", readingOrder=2)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row + 1  # one blank row before the header


def _header(ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float]) -> None:
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = _cell(ws, row, column, text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _CENTER
        cell.border = Border(bottom=_THIN)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.auto_filter.ref = f"A{row}:{get_column_letter(len(headers))}{row}"


def _put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> None:
    cell = _cell(ws, row, column, value)
    if number_format:
        cell.number_format = number_format
        cell.alignment = _CENTER
    else:
        cell.alignment = _RIGHT


def _period(event: EventView) -> str:
    start, end = dates.to_local(event.starts_at), dates.to_local(event.ends_at)
    text = f"{dates.format_dual(start.date())} {start:%H:%M}"
    if end.date() != start.date():
        return f"{text} – {dates.format_dual(end.date())} {end:%H:%M}"
    return f"{text} – {end:%H:%M}"


def attendance_xlsx(
    attendance: EventAttendance, event: EventView, path: Path | str, organisation: str = ""
) -> Path:
    """One row per person who came or registered: first in, last out, hours (a number), flags."""
    path = Path(path)
    wb = Workbook()
    ws = _sheet(wb, "الحضور")
    header_row = _title_block(
        ws,
        [
            organisation,
            f"كشف الحضور والساعات — {event.title}",
            " — ".join(part for part in (event.place, _period(event)) if part),
            f"تاريخ الإصدار: {dates.format_dual(dates.local_now().date())} {dates.local_now():%H:%M}",
        ],
        len(ATTENDANCE_HEADERS),
    )
    _header(ws, header_row, ATTENDANCE_HEADERS, (34, 14, 18, 18, 10, 12, 40, 13, 13))
    row = header_row
    for line in attendance.rows:
        row += 1
        _put(ws, row, 1, line.full_name)
        _put(ws, row, 2, line.national_id or "", "@")
        _put(ws, row, 3, local_naive(line.first_in), DATETIME_FORMAT)
        _put(ws, row, 4, local_naive(line.last_out), DATETIME_FORMAT)
        _put(ws, row, 5, round(line.hours, 2), HOURS_FORMAT)
        _put(ws, row, 6, STATES.get(line.state, line.state))
        _put(ws, row, 7, flags_text(line))
        _put(ws, row, 8, YES if line.registered else NO)
        _put(ws, row, 9, YES if line.certificate_eligible else NO)
    row += 2
    totals = (
        ("حضروا", attendance.attended, "0"),
        ("في الموقع عند الإصدار", attendance.in_now, "0"),
        ("المسجّلون مسبقًا", attendance.registered, "0"),
        ("حضور دون تسجيل مسبق", attendance.walk_ins, "0"),
        ("مجموع الساعات", round(attendance.total_hours, 2), HOURS_FORMAT),
    )
    for label, value, fmt in totals:
        _cell(ws, row, 1, label).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = _RIGHT
        _put(ws, row, 5, value, fmt)
        ws.cell(row=row, column=5).font = Font(bold=True)
        row += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def gift_log_xlsx(
    rows: Sequence[HandoverView], path: Path | str, title: str = "سجل الهدايا", organisation: str = ""
) -> Path:
    """The hand-overs as listed (newest first), quantities as numbers, times as real dates."""
    path = Path(path)
    wb = Workbook()
    ws = _sheet(wb, "سجل الهدايا")
    now = dates.local_now()
    header_row = _title_block(
        ws,
        [organisation, title, f"تاريخ الإصدار: {dates.format_dual(now.date())} {now:%H:%M}"],
        len(GIFT_HEADERS),
    )
    _header(ws, header_row, GIFT_HEADERS, (18, 24, 9, 10, 32, 22, 14, 30, 24))
    row = header_row
    totals: dict[tuple[str, str], int] = {}
    for line in rows:
        row += 1
        _put(ws, row, 1, local_naive(line.at), DATETIME_FORMAT)
        _put(ws, row, 2, line.gift_name)
        _put(ws, row, 3, line.quantity, "0")
        _put(ws, row, 4, line.unit)
        _put(ws, row, 5, line.recipient_name)
        _put(ws, row, 6, line.recipient_label)
        _put(ws, row, 7, line.handed_by)
        _put(ws, row, 8, line.note)
        _put(ws, row, 9, ("ملغى: " + line.void_reason) if line.voided else gift_flags_text(line))
        if not line.voided:
            totals[(line.gift_name, line.unit)] = totals.get((line.gift_name, line.unit), 0) + line.quantity
    row += 2
    _cell(ws, row, 1, "المجموع حسب النوع").font = Font(bold=True)
    ws.cell(row=row, column=1).alignment = _RIGHT
    for (name, unit), quantity in sorted(totals.items()):
        row += 1
        _put(ws, row, 2, name)
        _put(ws, row, 3, quantity, "0")
        _put(ws, row, 4, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
