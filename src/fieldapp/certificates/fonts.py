"""The bundled certificate fonts, registered with ReportLab once per process.

TTFont embeds a subset of each font in the PDF (only the glyphs used), so certificates print the
same on any machine. Amiri (naskh) carries titles and names; IBM Plex Sans Arabic the body. Both
have Arabic presentation forms and Latin letters, but ReportLab draws the presentation forms the
reshaper produces and silently drops a code point the font lacks: IBM Plex has no Persian or Urdu
forms (ژ ی ڈ ہ ے ٹ …). `draw_line` is the one way text reaches a PDF: a word the font cannot draw
is set in its fallback (Amiri, which covers them), so no letter of a name is ever lost.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from fieldapp.paths import font_path

NASKH = "Amiri"
NASKH_BOLD = "Amiri-Bold"
SANS = "IBMPlexSansArabic"
SANS_MEDIUM = "IBMPlexSansArabic-Medium"
SANS_BOLD = "IBMPlexSansArabic-Bold"

FONT_FILES: dict[str, str] = {
    NASKH: "Amiri-Regular.ttf",
    NASKH_BOLD: "Amiri-Bold.ttf",
    SANS: "IBMPlexSansArabic-Regular.ttf",
    SANS_MEDIUM: "IBMPlexSansArabic-Medium.ttf",
    SANS_BOLD: "IBMPlexSansArabic-Bold.ttf",
}

#: the font a word is set in when its own font has no glyph for one of its letters
FALLBACK: dict[str, str] = {
    SANS: NASKH,
    SANS_MEDIUM: NASKH_BOLD,
    SANS_BOLD: NASKH_BOLD,
    NASKH: NASKH,
    NASKH_BOLD: NASKH_BOLD,
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, ...]:
    """Register every bundled font (idempotent, thread-safe); returns the ReportLab font names."""
    global _registered
    with _lock:
        if not _registered:
            for name, file_name in FONT_FILES.items():
                path = font_path(file_name)
                if not path.is_file():
                    raise FileNotFoundError(f"bundled font missing: {path}")
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(NASKH, normal=NASKH, bold=NASKH_BOLD)
            pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD)
            _registered = True
    return tuple(FONT_FILES)


_coverage: dict[str, frozenset[int]] = {}


def covers(font_name: str, text: str) -> bool:
    """Whether `font_name` has a glyph for every character of `text` (spaces aside)."""
    cps = _coverage.get(font_name)
    if cps is None:
        cps = _coverage[font_name] = frozenset(getFont(font_name).face.charToGlyph)
    return all(ord(ch) in cps or ch == " " for ch in text)


def draw_line(c: Canvas, line: str, font: str, size: float, x: float, y: float, align: str = "left") -> None:
    """Draw a VISUAL line (certificates.arabic.visual_line) anchored at `x` (left, right or center).

    Words the font cannot draw are set in its FALLBACK, word by word, so the rest of the line
    keeps its font and no letter is dropped.
    """
    register_fonts()
    fallback = FALLBACK.get(font, NASKH)
    if covers(font, line):
        parts = [(line, font)]
    else:
        words = line.split(" ")
        parts = [
            ((" " if index else "") + word, font if covers(font, word) else fallback)
            for index, word in enumerate(words)
        ]
    widths = [stringWidth(text, f, size) for text, f in parts]
    total = sum(widths)
    left = x - total / 2 if align == "center" else x - total if align == "right" else x
    for (text, f), width in zip(parts, widths, strict=True):
        c.setFont(f, size)
        c.drawString(left, y, text)
        left += width
    c.setFont(font, size)
