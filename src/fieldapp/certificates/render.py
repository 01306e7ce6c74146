"""Certificates to PDF with ReportLab: one page per certificate, many certificates per file.

Speed matters (a coordinator prints a whole event at the desk), so what is the same on every
page is drawn once per batch: the frame, logo, organisation name, title and QR caption become
one PDF form XObject per template, images are read once (cached ImageReader inside a form), and
the QR is encoded once per certificate with segno and drawn as merged rectangles. Arabic text
goes through ``arabic.visual_lines`` (wrap in logical order, then shape and reorder per line).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from os import PathLike
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fieldapp.certificates import qr as qrmod
from fieldapp.certificates.arabic import embed_rtl, has_rtl, strip_controls, visual_line, visual_lines
from fieldapp.certificates.fonts import NASKH_BOLD, SANS, SANS_MEDIUM, draw_line, register_fonts
from fieldapp.certificates.templates import CertificateTemplate, default_template, fill, split_at_name

GREEN = (0.047, 0.302, 0.227)  # #0C4D3A deep green
GOLD = (0.722, 0.584, 0.275)  # #B89546
INK = (0.137, 0.145, 0.141)
MUTED = (0.40, 0.42, 0.41)

QR_CAPTION = {"ar": "للتحقق من صحة الشهادة", "en": "Scan to verify this certificate"}
SERIAL_LABEL = {"ar": "رقم الشهادة", "en": "Certificate No."}
ISSUED_LABEL = {"ar": "تاريخ الإصدار", "en": "Issued"}
ID_LABEL = {"ar": "رقم الهوية", "en": "ID No."}

MIN_QR_SIZE = 80.0  # points, quiet zone included: ~24 mm of symbol, readable from paper


class RenderCancelled(Exception):
    """The user cancelled the batch; nothing was written."""


@dataclass(frozen=True, slots=True)
class CertificateData:
    serial: str
    full_name: str  # Arabic, as registered
    event_title: str
    body_name: str  # the organisation (Amanah, department, charity) that certifies
    place: str
    hours: float
    issue_date: date
    event_date: date
    template_key: str
    qr_payload: str
    latin_name: str | None = None
    national_id: str | None = None
    gender: str | None = None  # 'm' | 'f' picks the template's gendered wording; None: the slash form
    signatory_name: str = ""
    signatory_title: str = ""
    logo_path: str | PathLike[str] | None = None
    signature_path: str | PathLike[str] | None = None


def _page_size(t: CertificateTemplate) -> tuple[float, float]:
    size = A4 if t.page == "A4" else A5
    return landscape(size) if t.orientation == "landscape" else portrait(size)


class _Batch:
    """Per-document caches: images, static page forms."""

    def __init__(self, canvas: Canvas, org_name: str) -> None:
        self.c = canvas
        self.org_name = org_name
        self.images: dict[str, ImageReader] = {}
        self.forms: dict[tuple, str] = {}
        self.title_bottom: dict[tuple, float] = {}

    # -- images: read once, drawn from a form XObject (drawImage would re-hash the pixels per page)
    def image_form(self, path: str | PathLike[str]) -> tuple[str, float]:
        key = ("img", str(path))
        name = self.forms.get(key)
        reader = self.images.get(str(path))
        if reader is None:
            reader = self.images[str(path)] = ImageReader(str(path))
        iw, ih = reader.getSize()
        if name is None:
            name = "img" + hashlib.sha1(str(path).encode()).hexdigest()[:12]
            self.c.beginForm(name, 0, 0, iw, ih)
            self.c.drawImage(reader, 0, 0, iw, ih, mask="auto")
            self.c.endForm()
            self.forms[key] = name
        return name, iw / ih

    def draw_image(self, path: str | PathLike[str], cx: float, y: float, max_w: float, h: float) -> float:
        """Draw an image centred on ``cx`` with its bottom at ``y``; returns the drawn width."""
        name, ratio = self.image_form(path)
        w = min(max_w, h * ratio)
        h = w / ratio
        iw, ih = self.images[str(path)].getSize()
        self.c.saveState()
        self.c.translate(cx - w / 2, y)
        self.c.scale(w / iw, h / ih)
        self.c.doForm(name)
        self.c.restoreState()
        return w

    def background(self, t: CertificateTemplate, logo: str | PathLike[str] | None) -> tuple[str, float]:
        """The static part of a page for template ``t``; returns (form name, y below the title)."""
        key = ("bg", t.key, t.page, t.orientation, str(logo), self.org_name)
        if key in self.forms:
            return self.forms[key], self.title_bottom[key]
        if logo is not None:
            self.image_form(logo)  # define the image form outside the page form
        name = f"bg{len(self.forms)}"
        self.c.beginForm(name)
        bottom = _draw_static(self, t, logo)
        self.c.endForm()
        self.forms[key] = name
        self.title_bottom[key] = bottom
        return name, bottom


def _diamond(c: Canvas, x: float, y: float, r: float) -> None:
    p = c.beginPath()
    p.moveTo(x, y + r)
    p.lineTo(x + r, y)
    p.lineTo(x, y - r)
    p.lineTo(x - r, y)
    p.close()
    c.drawPath(p, stroke=0, fill=1)


def _ornament_rule(c: Canvas, cx: float, y: float, half: float, s: float) -> None:
    c.setStrokeColorRGB(*GOLD)
    c.setFillColorRGB(*GOLD)
    c.setLineWidth(0.8 * s)
    c.line(cx - half, y, cx - 9 * s, y)
    c.line(cx + 9 * s, y, cx + half, y)
    _diamond(c, cx, y, 4 * s)
    _diamond(c, cx - half, y, 1.8 * s)
    _diamond(c, cx + half, y, 1.8 * s)


def _scale(w: float, h: float) -> float:
    return min(w / 842.0, h / 595.0) if w >= h else min(w / 595.0, h / 842.0)


def _draw_static(batch: _Batch, t: CertificateTemplate, logo: str | PathLike[str] | None) -> float:
    c = batch.c
    w, h = _page_size(t)
    s = _scale(w, h)
    # Double frame: a deep green rule and a thin gold one, gold corner marks.
    c.setStrokeColorRGB(*GREEN)
    c.setLineWidth(3.2 * s)
    o = 20 * s
    c.rect(o, o, w - 2 * o, h - 2 * o, stroke=1, fill=0)
    c.setStrokeColorRGB(*GOLD)
    c.setLineWidth(1.1 * s)
    i = 27 * s
    c.rect(i, i, w - 2 * i, h - 2 * i, stroke=1, fill=0)
    c.setLineWidth(0.5 * s)
    j = 30 * s
    c.rect(j, j, w - 2 * j, h - 2 * j, stroke=1, fill=0)
    c.setFillColorRGB(*GOLD)
    arm = 26 * s
    c.setLineWidth(1.6 * s)
    for x, y, dx, dy in ((j, j, 1, 1), (w - j, j, -1, 1), (j, h - j, 1, -1), (w - j, h - j, -1, -1)):
        c.line(x + dx * 5 * s, y + dy * 5 * s, x + dx * arm, y + dy * 5 * s)
        c.line(x + dx * 5 * s, y + dy * 5 * s, x + dx * 5 * s, y + dy * arm)
        _diamond(c, x + dx * 5 * s, y + dy * 5 * s, 3.2 * s)

    rtl = t.lang == "ar"
    cx = w / 2
    y = h - 44 * s
    if logo is not None:
        logo_h = 50 * s
        batch.draw_image(logo, cx, y - logo_h, 160 * s, logo_h)
        y -= logo_h + 6 * s
    if batch.org_name:
        size = 14 * s
        y -= size
        c.setFillColorRGB(*GREEN)
        text = visual_line(batch.org_name, "R" if has_rtl(batch.org_name) else "L")
        draw_line(c, text, NASKH_BOLD, size, cx, y, "center")
        y -= 4 * s
    title_size = (40 if rtl else 34) * s
    y -= title_size * (1.05 if rtl else 0.95)
    c.setFillColorRGB(*GREEN)
    draw_line(c, visual_line(t.title, "R" if rtl else "L"), NASKH_BOLD, title_size, cx, y, "center")
    y -= 14 * s
    _ornament_rule(c, cx, y, 90 * s, s)
    return y


def _dates(d: date, lang: str, digits: str) -> tuple[str, str]:
    from fieldapp.core.dates import format_gregorian, format_hijri

    return format_hijri(d, lang=lang, digits=digits), format_gregorian(d, lang=lang, digits=digits)


def _hours(hours: float, lang: str, digits: str) -> str:
    from fieldapp.core.dates import format_hours

    return format_hours(hours, lang=lang, digits=digits)


@dataclass(slots=True)
class _Block:
    lines: list[str]
    font: str
    size: float
    leading: float
    color: tuple[float, float, float]
    align: str  # "start" or "center"
    gap_after: float = 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading + self.gap_after


def _para(
    text: str, font: str, size: float, width: float, rtl: bool, color, align: str, gap: float
) -> _Block:
    base = "R" if rtl else "L"
    lines = visual_lines(text, font, size, width, base) if text else []
    return _Block(lines, font, size, size * 1.75, color, align, gap)


def _name_block(name: str, width: float, s: float) -> _Block:
    base = "R" if has_rtl(name) else "L"
    line = visual_line(name, base)
    size = 36 * s
    # Shrink a long name to fit on one line; below 26 pt wrap it instead (first words on top).
    while size > 26 * s and stringWidth(line, NASKH_BOLD, size) > width:
        size -= 1 * s
    if stringWidth(line, NASKH_BOLD, size) <= width:
        lines = [line]
    else:
        lines = visual_lines(name, NASKH_BOLD, size, width, base)
    return _Block(lines, NASKH_BOLD, size, size * 1.5, GREEN, "center", 10 * s)


def _draw_page(
    batch: _Batch,
    d: CertificateData,
    t: CertificateTemplate,
    digits: str,
    qr_backend: str = "segno",
) -> qrmod.QRMatrix | None:
    c = batch.c
    w, h = _page_size(t)
    c.setPageSize((w, h))
    s = _scale(w, h)
    bg, title_bottom = batch.background(t, d.logo_path)
    c.doForm(bg)
    qr_size = max(84 * s, MIN_QR_SIZE)
    band_top = 40 * s + qr_size + 12 * s
    _draw_text(batch, d, t, digits, title_bottom - 14 * s, band_top)
    matrix = _draw_qr(c, d, t, w, s, qr_size, qr_backend)
    _draw_footer(batch, d, t, digits, w, s)
    return matrix


def _values(batch: _Batch, d: CertificateData, t: CertificateTemplate, digits: str) -> dict[str, str]:
    """What the template's placeholders are filled with, in the template's language."""
    rtl, lang = t.lang == "ar", t.lang
    hijri, greg = _dates(d.event_date, lang, digits)
    values = {
        "name": d.full_name if rtl or not d.latin_name else d.latin_name,
        "event": d.event_title,
        "body": d.body_name or batch.org_name,
        "hours": _hours(d.hours, lang, digits),
        "hijri_date": hijri,
        "gregorian_date": greg,
        "place": d.place,
    }
    if not rtl:  # Arabic values keep their own word order inside an English sentence
        values = {k: embed_rtl(v) for k, v in values.items()}
    return values


def _blocks(
    d: CertificateData,
    t: CertificateTemplate,
    values: dict[str, str],
    text_w: float,
    body_size: float,
    s: float,
) -> list[_Block]:
    """The text of the page: the body before the name, the name, the name's sub-line, the rest."""
    rtl, lang = t.lang == "ar", t.lang
    before, after = split_at_name(t.body_for(d.gender))
    blocks: list[_Block] = []
    if before:
        blocks.append(_para(fill(before, values), SANS, body_size, text_w, rtl, INK, "center", 4 * s))
    blocks.append(_name_block(strip_controls(values["name"]), text_w, s))
    sub = []
    other = d.latin_name if rtl else (d.full_name if d.latin_name else None)
    if other:
        sub.append(visual_line(other, "R" if has_rtl(other) else "L"))
    if d.national_id:
        sub.append(visual_line(f"{ID_LABEL[lang]}: {d.national_id}", "R" if rtl else "L"))
    if sub:
        blocks.append(_Block(sub, SANS, 11 * s, 17 * s, MUTED, "center", 10 * s))
    if after:
        blocks.append(_para(fill(after, values), SANS, body_size, text_w, rtl, INK, "start", 0))
    return blocks


def _draw_text(
    batch: _Batch, d: CertificateData, t: CertificateTemplate, digits: str, top: float, band_top: float
) -> None:
    """Fit the text between the title and the bottom band (shrinking the body if needed), centred."""
    c = batch.c
    w, h = _page_size(t)
    s = _scale(w, h)
    rtl = t.lang == "ar"
    values = _values(batch, d, t, digits)
    margin = 78 * s
    text_w = w - 2 * margin
    body_size = 15 * s
    room = top - band_top
    for _ in range(6):
        blocks = _blocks(d, t, values, text_w, body_size, s)
        total = sum(b.height for b in blocks)
        if total <= room or body_size <= 10 * s:
            break
        body_size -= 1 * s

    y = top - max(0.0, (room - total) / 2)
    for b in blocks:
        c.setFillColorRGB(*b.color)
        for line in b.lines:
            y -= b.leading
            baseline = y + b.leading - b.size * 1.05
            if b.align == "center":
                draw_line(c, line, b.font, b.size, w / 2, baseline, "center")
            elif rtl:
                draw_line(c, line, b.font, b.size, w - margin, baseline, "right")
            else:
                draw_line(c, line, b.font, b.size, margin, baseline, "left")
        y -= b.gap_after


def _draw_qr(
    c: Canvas, d: CertificateData, t: CertificateTemplate, w: float, s: float, qr_size: float, qr_backend: str
) -> qrmod.QRMatrix | None:
    """The QR in the bottom corner where reading starts (right in Arabic), with its caption."""
    rtl, lang = t.lang == "ar", t.lang
    qx = w - 44 * s - qr_size if rtl else 44 * s
    qy = 44 * s + 10 * s
    matrix = None
    if qr_backend == "reportlab":  # benchmark floor only
        qrmod.draw_qr_with_reportlab_widget(c, d.qr_payload, qx, qy, qr_size)
    else:
        matrix = qrmod.encode(d.qr_payload)
        qrmod.draw_qr(c, matrix, qx, qy, qr_size, color=(0.05, 0.12, 0.09))
    c.setFillColorRGB(*MUTED)
    caption = visual_line(QR_CAPTION[lang], "R" if rtl else "L")
    draw_line(c, caption, SANS, 7.5 * s if s > 0.8 else 6.5, qx + qr_size / 2, qy - 9 * s, "center")
    return matrix


def _draw_footer(
    batch: _Batch,
    d: CertificateData,
    t: CertificateTemplate,
    digits: str,
    w: float,
    s: float,
    meta: bool = True,
) -> None:
    """Serial and issue date centred at the bottom (unless ``meta`` is False: the caller places
    them); the signatory at the end opposite the QR."""
    c = batch.c
    rtl, lang = t.lang == "ar", t.lang
    if meta:
        issued_hijri, issued_greg = _dates(d.issue_date, lang, digits)
        text = f"{SERIAL_LABEL[lang]}: {d.serial}   |   {ISSUED_LABEL[lang]}: {issued_hijri} - {issued_greg}"
        draw_line(c, visual_line(text, "R" if rtl else "L"), SANS, 9 * s, w / 2, 44 * s, "center")

    sig_name = d.signatory_name or t.signatory_name
    sig_title = d.signatory_title or t.signatory_title
    sx = 44 * s + 120 * s if rtl else w - 44 * s - 120 * s
    sy = 62 * s
    if sig_name:
        c.setFillColorRGB(*INK)
        draw_line(
            c, visual_line(sig_name, "R" if has_rtl(sig_name) else "L"), NASKH_BOLD, 14 * s, sx, sy, "center"
        )
    if d.signature_path is not None:
        batch.draw_image(d.signature_path, sx, sy + 16 * s, 150 * s, 42 * s)
    if sig_title:
        c.setFillColorRGB(*GREEN)
        title_line = visual_line(sig_title, "R" if rtl else "L")
        draw_line(c, title_line, SANS_MEDIUM, 12 * s, sx, sy + 64 * s, "center")
        c.setStrokeColorRGB(*GOLD)
        c.setLineWidth(0.6 * s)
        c.line(sx - 70 * s, sy + 58 * s, sx + 70 * s, sy + 58 * s)


def render_certificates(
    items: Iterable[CertificateData],
    template_for: Callable[[str], CertificateTemplate] = default_template,
    out: str | PathLike[str] | BinaryIO = "certificates.pdf",
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    org_name: str = "",
    digits: str = "latin",
    compress: bool = True,
    qr_backend: str = "segno",
) -> int:
    """Render every certificate as one page of ONE PDF; returns the number of pages.

    ``progress(done, total)`` is called after each page; if ``cancel()`` returns True the batch
    stops with RenderCancelled and nothing is written. ``qr_backend="reportlab"`` draws the QR
    with ReportLab's slow widget: for the benchmark floor only.
    """
    register_fonts()
    items = list(items)
    # Binary (not ASCII85) streams: the pure-Python ASCII85 encoder costs ~3 ms a page.
    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _render(items, template_for, out, progress, cancel, org_name, digits, compress, qr_backend)
    finally:
        rl_config.useA85 = saved_a85


def _render(items, template_for, out, progress, cancel, org_name, digits, compress, qr_backend) -> int:
    total = len(items)
    target = str(out) if isinstance(out, (str, PathLike)) else out
    c = Canvas(target, pageCompression=1 if compress else 0, initialFontName=SANS)
    c.setTitle("Certificates" if not org_name else f"{org_name} - certificates")
    c.setCreator("FieldApp")
    batch = _Batch(c, org_name)
    templates: dict[str, CertificateTemplate] = {}
    for n, d in enumerate(items, 1):
        if cancel is not None and cancel():
            raise RenderCancelled(f"cancelled after {n - 1} of {total}")
        t = templates.get(d.template_key)
        if t is None:
            t = templates[d.template_key] = template_for(d.template_key)
        _draw_page(batch, d, t, digits, qr_backend)
        c.showPage()
        if progress is not None:
            progress(n, total)
    c.save()
    return total


def render_certificate_pdf(
    data: CertificateData,
    template_for: Callable[[str], CertificateTemplate] = default_template,
    out: str | PathLike[str] | BinaryIO = "certificate.pdf",
    org_name: str = "",
    digits: str = "latin",
) -> None:
    """A single certificate as its own PDF."""
    render_certificates([data], template_for, out, org_name=org_name, digits=digits)
