"""The cumulative hours certificate on paper: a volunteer with 40 events over two Hijri years (pages
continued, every page's QR read back from the rendered image and verified), ARABIC.md's cases in
the name and the event titles, and the wording that agrees with the volunteer."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from fieldapp.certificates.arabic import strip_controls
from fieldapp.certificates.hours import HoursCertificateData, events_phrase, render_hours_certificate, wording
from fieldapp.core import dates
from fieldapp.services import volunteer_record as vr
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput

TITLES = (
    "المتطوع John Smith 2nd حضر",  # case 6
    "حملة (سعودي) [مؤكد] «مقتبس»",  # case 8
    "لا لأ لإ لآ الإمارات فلاح",  # case 3
    "التواصل +966 50 123 4567",  # case 9
    "زيارة مرضى الغسيل الكلوي بمستشفى الملك فيصل التخصصي بالطائف ضمن حملة الشتاء",  # long: cut with …
)


def _paper(pdf: Path) -> list[str]:
    """The text lines as drawn (words left to right), presentation forms folded back to letters."""
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\x00" not in raw  # a glyph the font lacks (ARABIC.md: the cheap test)
    return [
        " ".join(strip_controls(unicodedata.normalize("NFKC", line)).split()) for line in raw.splitlines()
    ]


def _visual(text: str) -> str:
    """An Arabic phrase's words in the order they stand on paper, left to right."""
    return " ".join(reversed(text.split()))


def _qr_texts(pdf: Path, tmp_path: Path) -> list[str]:
    import zxingcpp

    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) is needed"
    subprocess.run([tool, "-r", "110", "-png", str(pdf), str(tmp_path / "page")], check=True)
    texts = []
    for png in sorted(tmp_path.glob("page-*.png")):
        codes = zxingcpp.read_barcodes(Image.open(png))
        texts += [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode]
    return texts


@pytest.fixture
def volunteer_of_40_events(services):
    """40 events, one every 11 days from 1 Muharram 1446 (2024-07-07): 1446 and 1447 AH."""
    person = services.people.create(
        PersonInput(full_name="عبدالله بن خميس الزايدي", national_id="1000000008", gender="m")
    )
    for n in range(40):
        day = dt.date(2024, 7, 7) + dt.timedelta(days=11 * n)
        start = dt.datetime.combine(day, dt.time(9), dates.APP_TZ)
        title = f"{TITLES[n % len(TITLES)]} {n + 1}"
        event = services.events.create(
            EventInput(title, start, start + dt.timedelta(hours=5), rounding_min=0)
        )
        services.attendance.scan(event.id, person.id, method="manual", direction="in", at=start)
        out = start + dt.timedelta(hours=2, minutes=30 if n % 2 else 0)
        services.attendance.scan(event.id, person.id, method="manual", direction="out", at=out)
    return person


def test_forty_events_over_two_hijri_years_on_paper(services, volunteer_of_40_events, tmp_path):
    person = volunteer_of_40_events
    record = services.volunteer_record.record(person.id)
    assert [(y.year, y.events) for y in record.hijri_years] == [(1447, 7), (1446, 33)]
    p = vr.period(dt.date(2024, 7, 1), dt.date(2025, 12, 31))
    cert = services.volunteer_record.issue_hours_certificate(person.id, p)
    assert len(cert.lines) == 40 and cert.hours == 90.0
    pdf = services.volunteer_record.render_hours_certificate(cert.id, tmp_path / "hours.pdf")

    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) >= 2 and all(float(pg.mediabox.height) > float(pg.mediabox.width) for pg in pages)
    codes = _qr_texts(pdf, tmp_path)
    assert len(codes) == len(pages) and set(codes) == {cert.payload}  # the same signed QR on every page
    outcome = services.certificates.verify(codes[0], name="عبد الله بن خميس الزايدي")
    assert outcome.ok and outcome.hours == 90.0 and outcome.serial == cert.serial

    paper = _paper(pdf)
    text = "\n".join(paper)
    assert _visual("عبدالله بن خميس الزايدي") in paper  # case 1: the name on its own line, in order
    assert "1 حضر John Smith 2nd المتطوع" in text  # case 6: English stays left to right
    assert _visual("لا لأ لإ لآ الإمارات فلاح 3") in text  # case 3
    assert "+966 50 123 4567" in text  # case 9: one left-to-right run
    assert _visual("7 يوليو 2024 م") in text and _visual("1 محرم 1446 هـ") in text  # case 10: whole dates
    assert sum(f"{n}" in line.split() for n in range(1, 41) for line in paper) >= 40  # every row numbered
    assert any("المجموع" in line and "90" in line and "40" in line for line in paper)  # the total line


@pytest.mark.parametrize(
    ("name", "gender", "expected"),
    [
        ("مُحَمَّد عَلِيّ", "m", ("المتطوع", "شارك", "طلبه")),  # case 2: harakat kept
        ("إلـــهام گلپری ژاله کریمی", "f", ("المتطوعة", "شاركت", "طلبها")),  # cases 4, 5
        ("Sam Lee", None, ("المتطوع/ـة", "شارك/ت", "طلبه/ا")),  # unknown: the slash form
    ],
)
def test_names_and_wording_on_paper(tmp_path, name, gender, expected):
    data = HoursCertificateData(
        serial="TAIF-2025-AB12-00007",
        full_name=name,
        national_id=None,
        gender=gender,
        period_text="1446 هـ",
        hours=12.5,
        lines=[(dt.date(2025, 3, 30), "يوم التطوع", 12.5)],
        issue_date=dt.date(2025, 3, 30),
        qr_payload="FA1.TEST",
    )
    opening, middle, closing = wording(data, "أمانة الطائف", "latin")
    assert opening.endswith(expected[0]) and middle.startswith(f"قد {expected[1]} ")
    assert expected[2] in closing
    pdf = tmp_path / "c.pdf"
    assert render_hours_certificate(data, pdf, "أمانة الطائف") == 1
    text = "\n".join(_paper(pdf))
    letters = unicodedata.normalize("NFKC", name)
    assert all(ch in text for ch in letters if not ch.isspace())  # every letter and mark drawn
    assert "12.5 ساعة" in text.replace("ساعة 12.5", "12.5 ساعة")  # case 7: the number not reversed


def test_events_phrase_agrees_with_the_count():
    assert [events_phrase(n) for n in (1, 2, 3, 10, 11, 100, 103)] == [
        "فعالية واحدة",
        "فعاليتين",
        "3 فعاليات",
        "10 فعاليات",
        "11 فعاليةً",  # the tamyiz of 11–99 is accusative
        "100 فعالية",
        "103 فعاليات",
    ]
