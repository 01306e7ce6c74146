"""The cumulative volunteer-hours certificate (شهادة ساعات تطوعية): one person's hours over a
period, listing the events, on A4 portrait.

It is drawn by the event certificates' machinery (render.py): the same frame, title, name block,
QR and footer, signed the same way, so it reads and verifies like them. What it adds is the
wording (agreeing with the volunteer's gender, ARABIC.md) and the table of events, continued on
further pages (each with the frame, the QR and the serial) when one page is not enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from fieldapp.certificates.arabic import visual_line, visual_lines
from fieldapp.certificates.fonts import SANS, SANS_MEDIUM, draw_line, register_fonts
from fieldapp.certificates.render import (
    GOLD,
    GREEN,
    INK,
    ISSUED_LABEL,
    MUTED,
    SERIAL_LABEL,
    CertificateData,
    _Batch,
    _Block,
    _draw_footer,
    _draw_qr,
    _name_block,
    _page_size,
    _para,
    _scale,
)
from fieldapp.certificates.templates import CertificateTemplate
from fieldapp.core import dates, i18n

TEMPLATE = CertificateTemplate(
    key="hours-ar",
    kind="attendance",
    lang="ar",
    title="شهادة ساعات تطوعية",
    body="{name}",
    signatory_title="مدير إدارة المشاركة المجتمعية",
    page="A4",
    orientation="portrait",
)

# The words that agree with the volunteer: m, f, and the slash form when it is not known.
_WORDS = {
    "m": {"volunteer": "المتطوع", "took_part": "شارك", "his": "ه", "him": "له"},
    "f": {"volunteer": "المتطوعة", "took_part": "شاركت", "his": "ها", "him": "لها"},
    None: {"volunteer": "المتطوع/ـة", "took_part": "شارك/ت", "his": "ه/ا", "him": "له/ا"},
}
_HEADERS = ("م", "الفعالية", "التاريخ", "الموافق", "الساعات")
_WEIGHTS = (0.6, 4.4, 2.3, 2.2, 1.4)


@dataclass(frozen=True, slots=True)
class HoursCertificateData:
    serial: str
    full_name: str
    national_id: str | None
    gender: str | None  # m | f | None
    period_text: str  # «1446 هـ» or «من … إلى …»
    hours: float
    lines: Sequence[tuple[dt.date, str, float]]  # (day, event, hours), oldest first
    issue_date: dt.date
    qr_payload: str
    signatory_name: str = ""
    signatory_title: str = ""
    logo_path: str | PathLike[str] | None = None
    signature_path: str | PathLike[str] | None = None


def events_phrase(n: int, digits: str = "latin") -> str:
    """«فعالية واحدة، فعاليتين، 3 فعاليات، 11 فعاليةً، 100 فعالية» (CLDR plural categories)."""
    return i18n.count("events", n, "ar", digits, oblique=True)


def wording(d: HoursCertificateData, org_name: str, digits: str) -> tuple[str, str, str]:
    """(opening line, sentence after the name, closing line) in the volunteer's gender."""
    w = _WORDS.get(d.gender, _WORDS[None])
    hours = dates.format_hours(d.hours, "ar", digits)
    opening = f"تشهد {org_name} بأن {w['volunteer']}"
    period = d.period_text if d.period_text.startswith("من ") else f"خلال عام {d.period_text}"
    if d.period_text.startswith("من "):
        period = f"في الفترة {d.period_text}"
    middle = (
        f"قد {w['took_part']} في الأعمال التطوعية {period}، "
        f"في {events_phrase(len(d.lines), digits)}، بمجموع {hours} من العمل التطوعي، وفق البيان الآتي:"
    )
    closing = (
        f"وقد أُعطيت {w['him']} هذه الشهادة بناءً على طلب{w['his']}، "
        f"مع تمنياتنا {w['him']} بدوام التوفيق والسداد."
    )
    return opening, middle, closing


def _cell_line(text: str, font: str, size: float, width: float) -> str:
    """One visual line that fits ``width`` (a long event title is cut with …)."""
    lines = visual_lines(text, font, size, width) if text else [""]
    if len(lines) == 1:
        return lines[0]
    return visual_line("…") + lines[0]


class _Page:
    """Geometry of a page and the table's columns (right to left)."""

    def __init__(self) -> None:
        self.w, self.h = _page_size(TEMPLATE)
        self.s = _scale(self.w, self.h)
        self.margin = 62 * self.s
        self.qr_size = max(84 * self.s, 80.0)
        self.band_top = 40 * self.s + self.qr_size + 30 * self.s
        width = self.w - 2 * self.margin
        total = sum(_WEIGHTS)
        self.widths = [width * wt / total for wt in _WEIGHTS]
        self.rights = []
        right = self.w - self.margin
        for wd in self.widths:
            self.rights.append(right)
            right -= wd
        self.row_h = 17 * self.s
        self.font_size = 9.5 * self.s


def _row_cells(n: int, line: tuple[dt.date, str, float], digits: str) -> list[str]:
    day, title, hours = line
    number = dates.to_arabic_indic(str(n)) if digits == "arabic" else str(n)
    return [
        number,
        title,
        dates.format_hijri(day, "ar", digits),
        dates.format_gregorian(day, "ar", digits),
        dates.format_hours(hours, "ar", digits),
    ]


def _draw_row(c: Canvas, p: _Page, y: float, cells: Sequence[str], font: str, fill=None) -> float:
    if fill is not None:
        c.setFillColorRGB(*fill)
        c.rect(p.margin, y - p.row_h, p.w - 2 * p.margin, p.row_h, stroke=0, fill=1)
    c.setFillColorRGB(*INK)
    baseline = y - p.row_h + 5 * p.s
    for index, (text, right, width) in enumerate(zip(cells, p.rights, p.widths, strict=True)):
        line = _cell_line(text, font, p.font_size, width - 6 * p.s)
        if index == 1:
            draw_line(c, line, font, p.font_size, right - 3 * p.s, baseline, "right")
        else:
            draw_line(c, line, font, p.font_size, right - width / 2, baseline, "center")
    c.setStrokeColorRGB(*GOLD)
    c.setLineWidth(0.4 * p.s)
    c.line(p.margin, y - p.row_h, p.w - p.margin, y - p.row_h)
    return y - p.row_h


def _draw_blocks(c: Canvas, p: _Page, blocks: list[_Block], y: float) -> float:
    for b in blocks:
        c.setFillColorRGB(*b.color)
        for line in b.lines:
            y -= b.leading
            baseline = y + b.leading - b.size * 1.05
            if b.align == "center":
                draw_line(c, line, b.font, b.size, p.w / 2, baseline, "center")
            else:
                draw_line(c, line, b.font, b.size, p.w - p.margin, baseline, "right")
        y -= b.gap_after
    return y


def _draw_meta(c: Canvas, p: _Page, d: HoursCertificateData, digits: str, page: int | None) -> None:
    """Serial, issue date (and page) centred between the frame and the QR: a portrait page is too
    narrow to centre them under the QR's caption as the landscape event certificates do."""
    s = p.s
    issued = f"{dates.format_hijri(d.issue_date, 'ar', digits)} - {dates.format_gregorian(d.issue_date, 'ar', digits)}"
    meta = f"{SERIAL_LABEL['ar']}: {d.serial}   |   {ISSUED_LABEL['ar']}: {issued}"
    if page is not None:
        meta += "   |   " + dates._digits(f"صفحة {page}", digits)
    qr_left = p.w - 44 * s - p.qr_size
    c.setFillColorRGB(*MUTED)
    draw_line(c, visual_line(meta, "R"), SANS, 8.5 * s, (44 * s + qr_left) / 2, 40 * s, "center")


def render_hours_certificate(
    d: HoursCertificateData, out: str | PathLike[str], org_name: str = "", digits: str = "latin"
) -> int:
    """Draw the certificate to ``out``; returns the number of pages."""
    register_fonts()
    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _render(d, out, org_name, digits)
    finally:
        rl_config.useA85 = saved_a85


def _render(d: HoursCertificateData, out: str | PathLike[str], org_name: str, digits: str) -> int:
    p = _Page()
    c = Canvas(str(out), pagesize=(p.w, p.h), pageCompression=1, initialFontName=SANS)
    c.setTitle(f"{TEMPLATE.title} - {d.serial}")
    c.setCreator("FieldApp")
    batch = _Batch(c, org_name)
    # The footer and QR come from the event certificates' drawing, which reads CertificateData.
    footer = CertificateData(
        serial=d.serial,
        full_name=d.full_name,
        event_title="",
        body_name=org_name,
        place="",
        hours=d.hours,
        issue_date=d.issue_date,
        event_date=d.issue_date,
        template_key=TEMPLATE.key,
        qr_payload=d.qr_payload,
        signatory_name=d.signatory_name,
        signatory_title=d.signatory_title or TEMPLATE.signatory_title,
        logo_path=d.logo_path,
        signature_path=d.signature_path,
    )
    s = p.s
    text_w = p.w - 2 * p.margin
    opening, middle, closing = wording(d, org_name or "الجهة", digits)
    body_size = 13 * s
    intro = [
        _para(opening, SANS, body_size, text_w, True, INK, "center", 2 * s),
        _name_block(d.full_name, text_w, s * 0.85),
    ]
    if d.national_id:
        intro.append(
            _Block(
                [visual_line(f"رقم الهوية: {d.national_id}", "R")],
                SANS,
                10 * s,
                15 * s,
                MUTED,
                "center",
                6 * s,
            )
        )
    intro.append(_para(middle, SANS, body_size, text_w, True, INK, "start", 8 * s))
    ending = _para(closing, SANS, body_size, text_w, True, INK, "start", 0)
    total_line = (
        f"المجموع: {events_phrase(len(d.lines), digits)} — {dates.format_hours(d.hours, 'ar', digits)}"
    )

    rows = [_row_cells(n, line, digits) for n, line in enumerate(d.lines, 1)]
    pages = 0
    index = 0
    while True:
        pages += 1
        c.setPageSize((p.w, p.h))
        bg, title_bottom = batch.background(TEMPLATE, d.logo_path)
        c.doForm(bg)
        y = title_bottom - 12 * s
        if pages == 1:
            y = _draw_blocks(c, p, intro, y)
        else:
            cont = _para("بيان الفعاليات (تابع)", SANS_MEDIUM, 12 * s, text_w, True, GREEN, "center", 6 * s)
            y = _draw_blocks(c, p, [cont], y)
        y = _draw_row(c, p, y, _HEADERS, SANS_MEDIUM, fill=(0.89, 0.945, 0.925))
        floor = p.band_top
        while index < len(rows):
            last = index == len(rows) - 1
            # The last row needs room for the total and the closing lines under it.
            need = p.row_h + (p.row_h + ending.height + 8 * s if last else 0)
            if y - need < floor:
                break
            y = _draw_row(c, p, y, rows[index], SANS, fill=(0.97, 0.98, 0.975) if index % 2 else None)
            index += 1
        done = index >= len(rows)
        if done:
            c.setFillColorRGB(*GREEN)
            y -= p.row_h
            draw_line(
                c,
                visual_line(total_line, "R"),
                SANS_MEDIUM,
                10.5 * s,
                p.w - p.margin,
                y + 5 * s,
                "right",
            )
            y -= 6 * s
            _draw_blocks(c, p, [ending], y)
        _draw_qr(c, footer, TEMPLATE, p.w, s, p.qr_size, "segno")
        _draw_footer(batch, footer, TEMPLATE, digits, p.w, s, meta=False)
        _draw_meta(c, p, d, digits, pages if not done or pages > 1 else None)
        c.showPage()
        if done:
            break
    c.save()
    return pages
