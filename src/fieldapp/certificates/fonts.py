"""The bundled certificate fonts, registered with ReportLab once per process.

TTFont embeds a subset of each font in the PDF (only the glyphs used), so certificates print the
same on any machine. Amiri (naskh) carries titles and names; IBM Plex Sans Arabic the body. Both
have Arabic presentation forms and Latin letters.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
