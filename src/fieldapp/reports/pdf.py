"""Arabic PDF reports with ReportLab: A4 landscape, right-to-left tables, page «صفحة ١ من ٣».

ReportLab neither shapes Arabic nor lays tables out right to left, so this module draws the
table itself: the first column at the right edge, every cell wrapped in LOGICAL order and each
line shaped and reordered by certificates.arabic (the same pipeline as the certificates), then
drawn right-aligned. Rows are laid out first and paginated, so the page count is known before
the first footer is drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from fieldapp.certificates.arabic import visual_line, visual_lines
from fieldapp.certificates.fonts import NASKH_BOLD, SANS, SANS_BOLD, register_fonts
from fieldapp.core import dates
from fieldapp.reports.labels import (
    ATTENDANCE_HEADERS,
    GIFT_HEADERS,
    NO,
    STATES,
    YES,
    flags_text,
    gift_flags_text,
)

if TYPE_CHECKING:
    from fieldapp.services.attendance import EventAttendance
    from fieldapp.services.events import EventView
    from fieldapp.services.gifts import HandoverView

PAGE = landscape(A4)
MARGIN = 36.0  # half an inch
CELL_FONT_SIZE = 9.5
HEADER_FONT_SIZE = 9.5
LEADING = 13.0
PAD = 4.0
MAX_LINES = 3  # a cell longer than this is cut (with …): a table row must stay readable
FOOTER_HEIGHT = 24.0

PRIMARY_DARK = HexColor("#08523c")
HEADER_FILL = HexColor("#e3f1ec")
ZEBRA = HexColor("#f7faf9")
RULE = HexColor("#c9d3cf")
MUTED = HexColor("#5c6b65")
TEXT = HexColor("#1c2421")


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width
    align: str = "right"  # right | center


@dataclass
class _Row:
    lines: list[list[str]]  # per column: visual lines
    height: float


def page_label(page: int, total: int) -> str:
    """«صفحة ١ من ٣» (Arabic-Indic digits, as on printed Arabic documents)."""
    return dates.to_arabic_indic(f"صفحة {page} من {total}")


def _fit(text: str, font: str, size: float, width: float) -> list[str]:
    lines = visual_lines(text, font, size, width) if text else []
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = visual_line("…") + lines[-1]  # visual order: the end of an RTL line is at the left
    return lines


class _TablePdf:
    def __init__(
        self, path: Path, heading: Sequence[str], columns: Sequence[Column], running_title: str
    ) -> None:
        register_fonts()
        self.path = path
        self.heading = [line for line in heading if line]
        self.columns = list(columns)
        self.running_title = running_title
        self.width, self.height = PAGE
        table_width = self.width - 2 * MARGIN
        total = sum(c.weight for c in self.columns)
        self.col_widths = [table_width * c.weight / total for c in self.columns]
        # Right edge of each column: the first column starts at the right margin.
        self.col_right = []
        right = self.width - MARGIN
        for w in self.col_widths:
            self.col_right.append(right)
            right -= w
        self.header_row = self._layout([c.header for c in self.columns], SANS_BOLD, HEADER_FONT_SIZE)

    def _layout(self, cells: Sequence[str], font: str = SANS, size: float = CELL_FONT_SIZE) -> _Row:
        lines = [_fit(text, font, size, w - 2 * PAD) for text, w in zip(cells, self.col_widths, strict=True)]
        height = max(1, *(len(c) for c in lines)) * LEADING + 2 * PAD
        return _Row(lines, height)

    # -- drawing -------------------------------------------------------------------------------
    def _draw_heading(self, c: Canvas, first: bool) -> float:
        """The title block (full on the first page, one line after); returns the y below it."""
        y = self.height - MARGIN
        right = self.width - MARGIN
        if not first:
            c.setFont(SANS, 9)
            c.setFillColor(MUTED)
            c.drawRightString(right, y - 10, visual_line(self.running_title))
            return y - 22
        sizes = [(NASKH_BOLD, 16, PRIMARY_DARK), (NASKH_BOLD, 18, TEXT)]
        for index, text in enumerate(self.heading):
            font, size, colour = sizes[index] if index < len(sizes) else (SANS, 10.5, MUTED)
            c.setFont(font, size)
            c.setFillColor(colour)
            y -= size * 1.45
            c.drawRightString(right, y, visual_line(text))
        c.setStrokeColor(PRIMARY_DARK)
        c.setLineWidth(1.2)
        y -= 8
        c.line(MARGIN, y, right, y)
        return y - 10

    def _draw_row(self, c: Canvas, row: _Row, top: float, font: str, fill: object | None) -> float:
        bottom = top - row.height
        if fill is not None:
            c.setFillColor(fill)
            c.rect(MARGIN, bottom, self.width - 2 * MARGIN, row.height, stroke=0, fill=1)
        c.setFillColor(TEXT)
        c.setFont(font, CELL_FONT_SIZE)
        for lines, column, right, width in zip(
            row.lines, self.columns, self.col_right, self.col_widths, strict=True
        ):
            y = top - PAD - CELL_FONT_SIZE
            for line in lines:
                if column.align == "center":
                    c.drawCentredString(right - width / 2, y, line)
                else:
                    c.drawRightString(right - PAD, y, line)
                y -= LEADING
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, bottom, self.width - MARGIN, bottom)
        return bottom

    def _footer(self, c: Canvas, page: int, total: int, issued: str) -> None:
        c.setFont(SANS, 9)
        c.setFillColor(MUTED)
        c.drawCentredString(self.width / 2, MARGIN - 14, visual_line(page_label(page, total)))
        c.drawRightString(self.width - MARGIN, MARGIN - 14, visual_line(issued))

    def render(self, cells: Sequence[Sequence[str]], totals: Sequence[str]) -> Path:
        rows = [self._layout(row) for row in cells]
        total_lines = [visual_line(t) for t in totals if t]
        # Paginate: the first page has the full heading, the others a running line.
        first_top = (
            self.height
            - MARGIN
            - sum((16 if i == 0 else 18 if i == 1 else 10.5) * 1.45 for i in range(len(self.heading)))
            - 18
        )
        other_top = self.height - MARGIN - 22
        floor = MARGIN + FOOTER_HEIGHT
        pages: list[list[_Row]] = [[]]
        available = first_top - self.header_row.height - floor
        for row in rows:
            if row.height > available and pages[-1]:
                pages.append([])
                available = other_top - self.header_row.height - floor
            pages[-1].append(row)
            available -= row.height
        totals_height = len(total_lines) * 16 + 12
        if total_lines and totals_height > available:
            pages.append([])

        now = dates.local_now()
        issued = f"أُصدر في {dates.format_dual(now.date())} {now:%H:%M}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        c = Canvas(
            str(self.path), pagesize=PAGE, pageCompression=1, initialFontName=SANS
        )  # no stray Helvetica
        c.setTitle(self.running_title)
        c.setAuthor("ميدان")
        for number, page_rows in enumerate(pages, start=1):
            y = self._draw_heading(c, number == 1)
            y = self._draw_row(c, self.header_row, y, SANS_BOLD, HEADER_FILL)
            for index, row in enumerate(page_rows):
                y = self._draw_row(c, row, y, SANS, ZEBRA if index % 2 else None)
            if number == len(pages) and total_lines:
                y -= 18
                c.setFont(SANS_BOLD, 10.5)
                c.setFillColor(TEXT)
                for line in total_lines:
                    c.drawRightString(self.width - MARGIN, y, line)
                    y -= 16
            self._footer(c, number, len(pages), issued)
            c.showPage()
        c.save()
        return self.path


def _time(value: dt.datetime | None, day: dt.date) -> str:
    if value is None:
        return "—"
    local = dates.to_local(value)
    return f"{local:%H:%M}" if local.date() == day else f"{local:%Y-%m-%d %H:%M}"


def _event_period(event: EventView) -> str:
    start, end = dates.to_local(event.starts_at), dates.to_local(event.ends_at)
    text = f"{dates.format_dual(start.date())}، من {start:%H:%M} إلى {end:%H:%M}"
    if end.date() != start.date():
        text = f"من {dates.format_dual(start.date())} {start:%H:%M} إلى {dates.format_dual(end.date())} {end:%H:%M}"
    return text


def attendance_pdf(
    attendance: EventAttendance, event: EventView, path: Path | str, organisation: str = ""
) -> Path:
    """The attendance sheet of an event: name, ID, first in, last out, hours, state, notes."""
    day = dates.to_local(event.starts_at).date()
    columns = [
        Column(ATTENDANCE_HEADERS[0], 3.2),
        Column(ATTENDANCE_HEADERS[1], 1.4, "center"),
        Column(ATTENDANCE_HEADERS[2], 1.1, "center"),
        Column(ATTENDANCE_HEADERS[3], 1.1, "center"),
        Column(ATTENDANCE_HEADERS[4], 1.0, "center"),
        Column(ATTENDANCE_HEADERS[5], 1.0, "center"),
        Column(ATTENDANCE_HEADERS[6], 3.2),
        Column(ATTENDANCE_HEADERS[8], 1.1, "center"),
    ]
    cells = [
        [
            row.full_name,
            row.national_id or "—",
            _time(row.first_in, day),
            _time(row.last_out, day),
            dates.format_hours(row.hours) if row.first_in is not None else "—",
            STATES.get(row.state, row.state),
            flags_text(row),
            YES if row.certificate_eligible else NO,
        ]
        for row in attendance.rows
    ]
    totals = [
        f"حضروا: {attendance.attended} من {attendance.registered} مسجّلًا مسبقًا"
        + (f"، وحضر دون تسجيل مسبق: {attendance.walk_ins}" if attendance.walk_ins else ""),
        f"في الموقع عند الإصدار: {attendance.in_now}",
        f"مجموع الساعات: {dates.format_hours(attendance.total_hours)}",
    ]
    heading = [
        organisation,
        f"كشف الحضور والساعات — {event.title}",
        " — ".join(part for part in (event.place, _event_period(event)) if part),
    ]
    return _TablePdf(Path(path), heading, columns, f"كشف الحضور — {event.title}").render(cells, totals)


def gift_log_pdf(
    rows: Sequence[HandoverView], path: Path | str, title: str = "سجل الهدايا", organisation: str = ""
) -> Path:
    """The gift log as listed (newest first), with the totals per gift type."""
    columns = [
        Column(GIFT_HEADERS[0], 1.5, "center"),
        Column(GIFT_HEADERS[1], 1.8),
        Column(GIFT_HEADERS[2], 0.7, "center"),
        Column(GIFT_HEADERS[4], 2.4),
        Column(GIFT_HEADERS[5], 1.4),
        Column(GIFT_HEADERS[6], 1.8),
        Column(GIFT_HEADERS[8], 2.0),
    ]
    cells = []
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        local = dates.to_local(row.at)
        cells.append(
            [
                f"{local:%Y-%m-%d %H:%M}",
                row.gift_name,
                f"{row.quantity} {row.unit}",
                row.recipient_name,
                row.recipient_label,
                row.handed_by,
                ("ملغى: " + row.void_reason) if row.voided else gift_flags_text(row),
            ]
        )
        if not row.voided:
            totals[(row.gift_name, row.unit)] = totals.get((row.gift_name, row.unit), 0) + row.quantity
    summary = [f"عدد التسليمات: {sum(1 for r in rows if not r.voided)}"]
    summary += [f"{name}: {quantity} {unit}" for (name, unit), quantity in sorted(totals.items())]
    return _TablePdf(Path(path), [organisation, title], columns, title).render(cells, summary)
