"""The partner reports: what we did with a body (its history) and the volunteer hours per person,
each as an Arabic PDF and an XLSX sheet, drawn by the same table machinery as the other reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font

from fieldapp.core import dates, i18n
from fieldapp.core.visits import status_label
from fieldapp.reports.pdf import Column, _TablePdf
from fieldapp.reports.xlsx import _RIGHT, HOURS_FORMAT, _cell, _header, _put, _sheet, _title_block

if TYPE_CHECKING:
    from fieldapp.services.bodies import BodyHistory
    from fieldapp.services.volunteer_record import HoursReport

HISTORY_HEADERS = ("التاريخ", "النوع", "البيان", "التفاصيل")
HOURS_HEADERS = ("م", "رقم الهوية", "الاسم", "عدد الفعاليات", "الساعات")
KINDS = {"visit": "زيارة", "gift": "هدية", "event": "فعالية", "agreement": "اتفاقية"}


@dataclass(frozen=True)
class HistoryLine:
    day: dt.date
    kind: str  # visit | gift | event | agreement
    what: str
    details: str


def history_lines(history: BodyHistory) -> list[HistoryLine]:
    """Every item of a body's history as one dated line, newest first."""
    lines = [
        HistoryLine(
            v.planned_start.date(),
            "visit",
            v.title or "زيارة",
            " — ".join(x for x in (status_label(v.status, "ar"), v.outcome) if x),
        )
        for v in history.visits
    ]
    lines += [
        HistoryLine(
            g.at.date(),
            "gift",
            i18n.gift_quantity(g.gift_name, i18n.format_count(g.quantity), g.unit),
            g.recipient,
        )
        for g in history.gifts
    ]
    lines += [HistoryLine(e.starts_at.date(), "event", e.title, e.place) for e in history.events]
    for a in history.agreements:
        span = " – ".join(dates.format_dual(d) for d in (a.start_date, a.end_date) if d)
        details = " — ".join(x for x in (a.status_label("ar"), span, a.signatory) if x)
        lines.append(HistoryLine(a.start_date or dt.date.min, "agreement", a.title, details))
    lines.sort(key=lambda line: line.day, reverse=True)
    return lines


def _history_heading(history: BodyHistory, organisation: str) -> list[str]:
    body = history.body
    span = ""
    if history.start or history.end:
        span = "الفترة: " + " – ".join(dates.format_dual(d) for d in (history.start, history.end) if d)
    contact = " — ".join(
        x for x in (body.type_label("ar"), body.city, body.contact_name, body.contact_phone) if x
    )
    return [organisation, f"ما قمنا به مع {body.name}", contact, span]


def _history_totals(history: BodyHistory) -> list[str]:
    done = sum(1 for v in history.visits if v.status == "done")
    return [
        f"الزيارات: {len(history.visits)} (منفذة: {done})",
        f"الهدايا: {sum(g.quantity for g in history.gifts)} — التسليمات: {len(history.gifts)}",
        f"الفعاليات: {len(history.events)} — الاتفاقيات: {len(history.agreements)}",
    ]


def _day(day: dt.date) -> str:
    return "—" if day == dt.date.min else dates.format_dual(day)


def partner_pdf(history: BodyHistory, path: Path | str, organisation: str = "") -> Path:
    columns = [
        Column(HISTORY_HEADERS[0], 2.6),
        Column(HISTORY_HEADERS[1], 0.9, "center"),
        Column(HISTORY_HEADERS[2], 3.0),
        Column(HISTORY_HEADERS[3], 3.6),
    ]
    cells = [[_day(line.day), KINDS[line.kind], line.what, line.details] for line in history_lines(history)]
    title = f"ما قمنا به مع {history.body.name}"
    return _TablePdf(Path(path), _history_heading(history, organisation), columns, title).render(
        cells, _history_totals(history)
    )


def partner_xlsx(history: BodyHistory, path: Path | str, organisation: str = "") -> Path:
    path = Path(path)
    wb = Workbook()
    ws = _sheet(wb, "الجهة")
    header_row = _title_block(ws, _history_heading(history, organisation), len(HISTORY_HEADERS))
    _header(ws, header_row, HISTORY_HEADERS, (16, 12, 40, 50))
    row = header_row
    for line in history_lines(history):
        row += 1
        _put(ws, row, 1, None if line.day == dt.date.min else line.day, "yyyy-mm-dd")
        _put(ws, row, 2, KINDS[line.kind])
        _put(ws, row, 3, line.what)
        _put(ws, row, 4, line.details)
    row += 1
    for text in _history_totals(history):
        row += 1
        _cell(ws, row, 1, text).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = _RIGHT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _hours_heading(report: HoursReport, organisation: str) -> list[str]:
    return [organisation, "ساعات العمل التطوعي لكل متطوع", "الفترة: " + report.period.text("ar")]


def _hours_totals(report: HoursReport) -> list[str]:
    return [
        f"عدد المتطوعين: {len(report.rows)}",
        f"مجموع المشاركات: {report.total_events}",
        f"مجموع الساعات: {dates.format_hours(report.total_hours)}",
    ]


def hours_pdf(report: HoursReport, path: Path | str, organisation: str = "") -> Path:
    columns = [
        Column(HOURS_HEADERS[0], 0.5, "center"),
        Column(HOURS_HEADERS[1], 1.6, "center"),
        Column(HOURS_HEADERS[2], 4.0),
        Column(HOURS_HEADERS[3], 1.2, "center"),
        Column(HOURS_HEADERS[4], 1.2, "center"),
    ]
    cells = [
        [str(n), r.national_id or "—", r.full_name, str(r.events), dates.format_hours(r.hours)]
        for n, r in enumerate(report.rows, 1)
    ]
    return _TablePdf(Path(path), _hours_heading(report, organisation), columns, "ساعات العمل التطوعي").render(
        cells, _hours_totals(report)
    )


def hours_xlsx(report: HoursReport, path: Path | str, organisation: str = "") -> Path:
    path = Path(path)
    wb = Workbook()
    ws = _sheet(wb, "الساعات")
    header_row = _title_block(ws, _hours_heading(report, organisation), len(HOURS_HEADERS))
    _header(ws, header_row, HOURS_HEADERS, (6, 14, 36, 14, 12))
    row = header_row
    for n, r in enumerate(report.rows, 1):
        row += 1
        _put(ws, row, 1, n, "0")
        _put(ws, row, 2, r.national_id or "", "@")
        _put(ws, row, 3, r.full_name)
        _put(ws, row, 4, r.events, "0")
        _put(ws, row, 5, r.hours, HOURS_FORMAT)
    row += 2
    _cell(ws, row, 3, "المجموع").font = Font(bold=True)
    ws.cell(row=row, column=3).alignment = _RIGHT
    _put(ws, row, 4, report.total_events, "0")
    _put(ws, row, 5, report.total_hours, HOURS_FORMAT)
    for column in (4, 5):
        ws.cell(row=row, column=column).font = Font(bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
