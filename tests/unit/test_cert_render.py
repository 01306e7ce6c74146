"""Rendering: one PDF for a batch, fonts embedded, QR readable from the printed page and verifiable."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from fieldapp.certificates import signing
from fieldapp.certificates.render import (
    CertificateData,
    RenderCancelled,
    render_certificate_pdf,
    render_certificates,
)
from fieldapp.certificates.templates import (
    DEFAULT_TEMPLATES,
    CertificateTemplate,
    TemplateError,
    default_template,
    fill,
)

# Names and event titles covering ARABIC.md cases 1-12.
CASES = [
    ("عبدالله بن خميس الزايدي", "ملتقى التطوع البلدي"),
    ("مُحَمَّد عَلِيّ", "حملة «نظافة الحي» التطوعية"),
    ("لا لأ لإ لآ الإمارات فلاح", "مبادرة الإمارات للاستدامة"),
    ("إلـــهام الشمري", "يوم التشجير"),
    ("گلپری ژاله کریمی", "برنامج گلپری (ژاله) للتطوع"),
    ("المتطوع John Smith 2nd حضر", "مؤتمر John Smith 2nd للتطوع"),
    ("سارة الحربي", "ورشة حضر 12 ساعة / 12.5 ساعة"),
    ("(سعودي) [مؤكد] «مقتبس»", "فعالية (سعودي) [مؤكد]"),
    ("نورة القحطاني", "خدمة العملاء +966 50 123 4567"),
    ("فهد العتيبي", "مهرجان يمتد حتى 1 شوال 1446 هـ في الرياض"),
    ("عبدالرحمن بن عبدالعزيز بن عبدالله بن محمد بن سعود بن فيصل آل عبدالمحسن القحطاني الدوسري", "ملتقى"),
    ("هيفاء المطيري", "يوم العيد"),
]


def _pdftoppm() -> str:
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.fail("pdftoppm not found: install poppler-utils (apt-get install poppler-utils)")
    return exe


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return signing.generate_key()


def _items(private: bytes, template_key: str = "attendance-ar") -> list[CertificateData]:
    out = []
    for i, (name, event) in enumerate(CASES, 1):
        serial = f"R-2025-{i:06d}"
        payload = signing.sign_payload(
            private, signing.make_payload(serial, "E7K2Q", 12.5, date(2025, 3, 30), name)
        )
        out.append(
            CertificateData(
                serial=serial,
                full_name=name,
                event_title=event,
                body_name="أمانة منطقة الرياض",
                place="حديقة الملك عبدالله بالملز",
                hours=12.5,
                issue_date=date(2025, 3, 30),
                event_date=date(2025, 3, 30),
                template_key=template_key,
                qr_payload=payload,
                national_id="1000000008" if i % 3 == 0 else None,
                signatory_name="م. خالد بن سعد العمري",
            )
        )
    return out


@pytest.fixture(scope="module")
def batch_pdf(tmp_path_factory, keys) -> Path:
    private, _ = keys
    out = tmp_path_factory.mktemp("certs") / "batch.pdf"
    items = _items(private)
    items[1] = replace(items[1], template_key="appreciation-ar")
    items[2] = replace(items[2], template_key="attendance-en", latin_name="Fallah")
    n = render_certificates(items, default_template, out, org_name="أمانة منطقة الرياض")
    assert n == len(CASES)
    return out


def _page_png(pdf: Path, page: int, tmp: Path, dpi: int = 200) -> Path:
    prefix = tmp / f"page{page}"
    subprocess.run(
        [
            _pdftoppm(),
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


def _read_qr(png: Path) -> str:
    import zxingcpp

    codes = [c for c in zxingcpp.read_barcodes(Image.open(png)) if c.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(codes) == 1, f"expected one QR code on {png}"
    return codes[0].text


def test_one_page_per_certificate(batch_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(batch_pdf)
    assert len(reader.pages) == len(CASES)
    w, h = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert w > h  # landscape A4
    assert abs(w - 841.89) < 1


def test_fonts_embedded(batch_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(batch_pdf)
    embedded: set[str] = set()

    def collect(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for desc in [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]:
                if desc is not None and "/FontFile2" in desc.get_object():
                    embedded.add(str(font["/BaseFont"]).split("+")[-1])
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                collect(xobj.get("/Resources"))

    for page in reader.pages:
        collect(page.get("/Resources"))
    for name in ("Amiri-Bold", "IBMPlexSansArabic", "IBMPlexSansArabic-Medium"):
        assert any(name.replace("-", "") in e.replace("-", "") for e in embedded), (name, embedded)


def test_qr_from_rendered_page_is_genuine_and_checks_name(batch_pdf: Path, keys, tmp_path: Path) -> None:
    _, public = keys
    known = {signing.key_id(public): public}
    for page in (1, 3, 5):  # Arabic, English (QR on the left), Persian name
        text = _read_qr(_page_png(batch_pdf, page, tmp_path))
        result = signing.parse_and_verify(text, known, set())
        assert result.status == "genuine", (page, result)
        assert result.fields is not None
        assert result.fields.serial == f"R-2025-{page:06d}"
        assert result.fields.name_matches(CASES[page - 1][0])
        assert result.fields.hours == 12.5


def test_qr_from_page_tampered_unknown_voided(batch_pdf: Path, keys, tmp_path: Path) -> None:
    _, public = keys
    known = {signing.key_id(public): public}
    text = _read_qr(_page_png(batch_pdf, 1, tmp_path))
    pos = len(signing.PREFIX) + 12
    tampered = text[:pos] + ("A" if text[pos] != "A" else "B") + text[pos + 1 :]
    assert signing.parse_and_verify(tampered, known, set()).status == "tampered"
    assert signing.parse_and_verify(text, known, {"R-2025-000001"}).status == "voided"
    _, other_public = signing.generate_key()
    assert (
        signing.parse_and_verify(text, {signing.key_id(other_public): other_public}).status == "unknown_key"
    )


def test_qr_signed_by_unknown_key_on_page(keys, tmp_path: Path) -> None:
    _, public = keys
    stranger, _ = signing.generate_key()
    item = _items(stranger)[0]
    out = tmp_path / "one.pdf"
    render_certificate_pdf(item, out=out, org_name="أمانة منطقة الرياض")
    text = _read_qr(_page_png(out, 1, tmp_path))
    assert signing.parse_and_verify(text, {signing.key_id(public): public}).status == "unknown_key"


def test_a5_and_portrait_render_and_scan(keys, tmp_path: Path) -> None:
    private, public = keys
    base = DEFAULT_TEMPLATES["appreciation-ar"]
    extra = {
        "a5": replace(base, key="a5", page="A5"),
        "a4p": replace(base, key="a4p", orientation="portrait"),
    }
    items = [replace(it, template_key=k) for it, k in zip(_items(private)[:2], ("a5", "a4p"), strict=True)]
    out = tmp_path / "sizes.pdf"
    render_certificates(items, lambda k: extra[k], out, org_name="أمانة")
    known = {signing.key_id(public): public}
    for page in (1, 2):
        assert signing.parse_and_verify(_read_qr(_page_png(out, page, tmp_path)), known).ok


def test_progress_cancel_and_file_object(keys) -> None:
    private, _ = keys
    items = _items(private)[:4]
    seen: list[tuple[int, int]] = []
    buf = io.BytesIO()
    render_certificates(items, out=buf, progress=lambda d, t: seen.append((d, t)), org_name="x")
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert buf.getvalue().startswith(b"%PDF")
    calls = iter([False, False, True])
    with pytest.raises(RenderCancelled):
        render_certificates(items, out=io.BytesIO(), cancel=lambda: next(calls), org_name="x")


def test_images_loaded_once_per_batch(keys, tmp_path: Path, monkeypatch) -> None:
    from fieldapp.certificates import render as render_mod

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (120, 120), (12, 77, 58, 255)).save(logo)
    sig = tmp_path / "sig.png"
    Image.new("RGBA", (300, 100), (20, 40, 120, 128)).save(sig)
    opened: list[str] = []
    real = render_mod.ImageReader

    def counting(path):
        opened.append(str(path))
        return real(path)

    monkeypatch.setattr(render_mod, "ImageReader", counting)
    private, _ = keys
    items = [replace(it, logo_path=logo, signature_path=sig) for it in _items(private)[:6]]
    buf = io.BytesIO()
    render_certificates(items, out=buf, org_name="أمانة")
    assert sorted(opened) == sorted([str(logo), str(sig)])
    # each image (and its alpha mask) stored once in the file, not once per page
    assert buf.getvalue().count(b"/Subtype /Image") == 4


def test_template_fill_and_unknown_placeholder() -> None:
    t = DEFAULT_TEMPLATES["attendance-ar"]
    values = {
        "name": "سارة",
        "event": "ملتقى",
        "body": "أمانة منطقة الرياض",
        "hours": "12 ساعة",
        "hijri_date": "1 شوال 1446 هـ",
        "gregorian_date": "30 مارس 2025 م",
        "place": "الرياض",
    }
    text = fill(t, values)
    assert "تشهد أمانة منطقة الرياض بأن" in text and "1 شوال 1446 هـ" in text and "{" not in text
    assert set(DEFAULT_TEMPLATES) == {"attendance-ar", "appreciation-ar", "attendance-en", "appreciation-en"}
    with pytest.raises(TemplateError, match=r"unknown placeholder \{volunteer\}"):
        fill("شكرًا {volunteer}", values)
    with pytest.raises(TemplateError, match="unknown placeholder"):
        CertificateTemplate(key="bad", kind="attendance", lang="ar", title="x", body="{nme}")
    with pytest.raises(TemplateError, match=r"no value for placeholder \{place\}"):
        fill(t, {k: v for k, v in values.items() if k != "place"})
    with pytest.raises(TemplateError):
        default_template("nope")
