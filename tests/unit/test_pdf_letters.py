"""No letter of a name is lost on paper, and the attendance PDF agrees with gender and digits.

ReportLab silently drops a code point its font lacks (IBM Plex Sans Arabic has no Persian or Urdu
presentation forms): «گلپری ژاله کریمی» printed as «گلپر اله کریمی». Every PDF is rendered and its
text read back with pdftotext; NFKC turns the presentation forms back into letters to compare.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from fieldapp import reports
from fieldapp.certificates.render import CertificateData, render_certificates
from fieldapp.core import dates
from fieldapp.services.attendance import AttendanceRow, EventAttendance
from fieldapp.services.events import EventView
from fieldapp.services.gifts import HandoverView

START = dt.datetime(2026, 11, 30, 8, tzinfo=dates.APP_TZ)
NAMES = (
    "گلپری ژاله کریمی",  # Persian: گ پ ژ ی (final and isolated ی)
    "ڈاکٹر ہمایوں بیگ",  # Urdu: ڈ ٹ ہ ں ی
    "ٹیپو سلطان نے",  # Urdu: ٹ ے
    "عبدالله بن خميس الزايدي",
    "مُحَمَّد عَلِيّ",
    "إلـــهام الإمارات",
    "چنگیز ڤيكتور",
)


def _text(path) -> str:
    """The PDF's text in logical order (pdftotext), presentation forms turned back into letters."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub("[\u202a-\u202e]", "", unicodedata.normalize("NFKC", out.stdout))


def _letters(text: str) -> set[str]:
    return {ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch).startswith("L")}


def _assert_every_letter_printed(path) -> None:
    text = _text(path)
    assert "\x00" not in text
    printed = _letters(text)
    for name in NAMES:
        missing = _letters(name) - printed
        assert not missing, f"{name}: lost {sorted(missing)}"


def _event() -> EventView:
    end = START + dt.timedelta(hours=6)
    return EventView(
        "e1", "يوم التطوع", "الطائف", None, None, START, end, START, end, 6, None, True, 2, 15, 3.0, ""
    )


def _row(i: int, name: str, state: str, gender: str | None) -> AttendanceRow:
    first_in = None if state == "absent" else START
    last_out = START + dt.timedelta(hours=2) if state == "out" else None
    return AttendanceRow(
        f"p{i}", name, f"1{i:09d}", first_in, last_out, 2.0 if last_out else 0.0, 120, state, (), True, True,
        gender=gender,
    )  # fmt: skip


def test_attendance_pdf_prints_every_letter_and_agrees_with_each_person(tmp_path):
    rows = [_row(i, name, "out", "f" if i % 2 else "m") for i, name in enumerate(NAMES)]
    rows += [_row(90, "غادة السبيعي", "absent", "f"), _row(91, "فهد القحطاني", "absent", "m")]
    attendance = EventAttendance("e1", START, tuple(rows), 0, len(NAMES), 2.0 * len(NAMES), len(rows), 0)
    path = reports.attendance_pdf(attendance, _event(), tmp_path / "a.pdf", "أمانة الطائف")
    _assert_every_letter_printed(path)
    cells = _text(path).split("\n")
    for word in ("غادرت", "غادر", "لم تحضر", "لم يحضر", "ساعتان"):
        assert word in cells, word
    assert not [cell for cell in cells if "/" in cell]  # no slash forms: every gender is known


def test_gift_log_pdf_prints_every_letter(tmp_path):
    rows = [
        HandoverView(f"h{i}", "g1", "درع تذكاري", "درع", 1, f"p{i}", None, name, "", "e1", None, START,
                     "sara", "", (), voided=False)
        for i, name in enumerate(NAMES)
    ]  # fmt: skip
    _assert_every_letter_printed(reports.gift_log_pdf(rows, tmp_path / "g.pdf", "سجل الهدايا"))


def _certificate(i: int, name: str, key: str, gender: str | None) -> CertificateData:
    return CertificateData(
        serial=f"S-{i}", full_name=name, event_title="يوم التطوع", body_name="أمانة الطائف", place="الطائف",
        hours=2, issue_date=START.date(), event_date=START.date(), template_key=key, qr_payload="FA1:TEST",
        gender=gender,
    )  # fmt: skip


@pytest.mark.parametrize("key", ["attendance-ar", "appreciation-ar"])
def test_certificates_print_every_letter(tmp_path, key):
    path = tmp_path / "c.pdf"
    render_certificates([_certificate(i, name, key, None) for i, name in enumerate(NAMES)], out=path)
    _assert_every_letter_printed(path)


@pytest.mark.parametrize(
    ("gender", "present", "absent"),
    [
        ("f", ["المتطوعة", "حضرت", "مشاركتها", "لها", "ساعتان"], ["/", "المتطوع "]),
        ("m", ["المتطوع", "حضر", "مشاركته", "له", "ساعتان"], ["/", "المتطوعة", "حضرت", "لها"]),
        (None, ["المتطوع/ـة", "حضر/ت", "له/ا"], []),
    ],
)
def test_an_arabic_certificate_agrees_with_the_person(tmp_path, gender, present, absent):
    path = tmp_path / "c.pdf"
    render_certificates([_certificate(1, "غادة السبيعي", "attendance-ar", gender)], out=path)
    words = _text(path).replace("\n", " ")
    for word in present:
        assert word in words, word
    for word in absent:
        assert word not in words, word


def test_page_footers_and_times_follow_the_digit_setting(tmp_path):
    rows = tuple(_row(i, f"متطوع {i}", "out", "m") for i in range(60))
    attendance = EventAttendance("e1", START, rows, 0, 60, 120.0, 60, 0)
    arabic = reports.attendance_pdf(attendance, _event(), tmp_path / "ar.pdf", digits="arabic")
    latin = reports.attendance_pdf(attendance, _event(), tmp_path / "la.pdf", digits="latin")
    total = len(PdfReader(arabic).pages)
    arabic_text, latin_text = _text(arabic), _text(latin)
    assert (
        dates.to_arabic_indic(f"{total}") in arabic_text and "١٠:٠٠" in arabic_text
    )  # footer, check-out time
    assert "10:00" in latin_text and "١٠:٠٠" not in latin_text and "١" not in latin_text
