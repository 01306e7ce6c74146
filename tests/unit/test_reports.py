"""XLSX and Arabic PDF reports (Qt-free): right-to-left layout, real cells, page numbers."""

from __future__ import annotations

import datetime as dt
import unicodedata

from openpyxl import load_workbook
from pypdf import PdfReader

from fieldapp import reports
from fieldapp.certificates.arabic import visual_line
from fieldapp.core import dates
from fieldapp.services.attendance import AttendanceRow, EventAttendance
from fieldapp.services.events import EventView

START = dt.datetime(2025, 3, 30, 8, tzinfo=dates.APP_TZ)  # 1 Shawwal 1446 (Umm al-Qura)


def _event() -> EventView:
    end = START + dt.timedelta(hours=6)
    return EventView(
        "e1", "عيد الفطر", "الطائف", None, None, START, end, START, end, 6, None, True, 2, 15, 3.0, ""
    )


def _attendance(n: int) -> EventAttendance:
    rows = tuple(
        AttendanceRow(
            f"p{i}", f"متطوع رقم {i:03d}", f"1{i:09d}", START, START + dt.timedelta(hours=5), 5.0, 300,
            "out", ("auto_closed",) if i == 0 else (), True, True,
        )
        for i in range(n)
    )  # fmt: skip
    return EventAttendance("e1", START, rows, 0, n, 5.0 * n, n, 0)


def test_attendance_xlsx_is_right_to_left_with_real_cells(tmp_path):
    path = reports.attendance_xlsx(_attendance(3), _event(), tmp_path / "a.xlsx", "أمانة الطائف")
    ws = load_workbook(path).active
    assert ws.sheet_view.rightToLeft
    assert ws["A1"].value == "أمانة الطائف"
    assert any("1 شوال 1446 هـ" in str(ws.cell(r, 1).value) for r in range(1, 5))
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "الاسم")
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.cell(header + 1, 3).value == dt.datetime(2025, 3, 30, 8, 0)
    assert ws.cell(header + 1, 5).value == 5.0 and ws.cell(header + 1, 5).number_format == "0.00"
    assert ws.cell(header + 1, 7).value == "أُغلق تلقائيًا عند نهاية الفعالية"


def test_attendance_pdf_pages_are_numbered_and_the_first_column_is_at_the_right(tmp_path):
    path = reports.attendance_pdf(_attendance(60), _event(), tmp_path / "a.pdf", "أمانة الطائف")
    reader = PdfReader(path)
    total = len(reader.pages)
    assert total > 2
    page_word = visual_line("صفحة")[::-1]
    [footer] = [line for line in reader.pages[1].extract_text().split("\n") if page_word in line]
    assert sorted(ch for ch in footer if ch.isdigit()) == sorted(f"2{total}")  # Latin digits: the default
    first = reader.pages[0].extract_text()
    assert "1446" in first and visual_line("شوال")[::-1] in first  # Umm al-Qura, not the tabular 30 Ramadan
    assert visual_line("رمضان")[::-1] not in first
    positions: dict[str, float] = {}

    def visit(text, _cm, tm, _font, _size):
        for key in ("1000000001", visual_line("متطوع")[::-1]):
            if key in text:
                positions.setdefault(key, tm[4])

    reader.pages[0].extract_text(visitor_text=visit)
    assert positions[visual_line("متطوع")[::-1]] > positions["1000000001"]  # name column right of the ID


def test_gift_log_reports_total_per_type(tmp_path):
    from fieldapp.services.gifts import HandoverView

    at = dates.to_local(START)
    rows = [
        HandoverView(f"h{i}", "g1", "حقيبة المتطوع", "حقيبة", 2, "p1", None, "سعد العمري", "", "e1", None, at,
                     "sara", "", (), voided=(i == 2))
        for i in range(3)
    ]  # fmt: skip
    ws = load_workbook(reports.gift_log_xlsx(rows, tmp_path / "g.xlsx", "سجل الهدايا")).active
    assert ws.sheet_view.rightToLeft
    totals = [r for r in ws.iter_rows(values_only=True) if r[1] == "حقيبة المتطوع" and r[0] is None]
    assert totals == [(None, "حقيبة المتطوع", 4, "حقيبة", None, None, None, None, None)]  # the void left out
    pdf = reports.gift_log_pdf(rows, tmp_path / "g.pdf", "سجل الهدايا", "أمانة الطائف")
    assert visual_line("سعد العمري")[::-1] in PdfReader(pdf).pages[0].extract_text()


def test_gift_log_pdf_labels_quantities_with_the_typed_unit(tmp_path):
    """«2 حقيبة» / «37 درع» cannot agree: the PDF writes the unit as a label («حقيبة: 2»)."""
    from fieldapp.services.gifts import HandoverView

    at = dates.to_local(START)
    rows = [
        HandoverView("h1", "g1", "تمر سكري", "كرتون", 37, "p1", None, "سعد العمري", "", "e1", None, at,
                     "sara", "", (), False)
    ]  # fmt: skip
    text = PdfReader(reports.gift_log_pdf(rows, tmp_path / "g.pdf", "سجل الهدايا", "أمانة الطائف")).pages[0]
    # pypdf gives each drawn line back with its Arabic runs reversed and its digits kept: «37 :كرتون»
    lines = [unicodedata.normalize("NFKC", line) for line in text.extract_text().splitlines()]
    assert "37 :كرتون" in lines  # the row's quantity cell: «كرتون: 37»
    assert "37 :تمر سكري — كرتون" in lines  # the total per type: «تمر سكري — كرتون: 37»
    assert not [line for line in lines if "كرتون 37" in line or "37 كرتون" in line]
