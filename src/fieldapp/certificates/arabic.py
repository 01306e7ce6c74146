"""Arabic text for ReportLab: logical-order wrapping, then shaping and visual reordering per line.

ReportLab draws glyphs in the order it is given and does not shape Arabic, so every string goes
through arabic-reshaper (contextual forms, lam-alef) and python-bidi (visual order) before it is
drawn. The traps (see /work/shared/ARABIC.md) and how this module avoids them:

- Wrap first, reorder second: lines are broken in LOGICAL order, measured on the reshaped text,
  and only then reshaped and reordered one by one, so the first words stay on the top line.
- Groups that must never be split (``1 شوال 1446 هـ``, ``12 ساعة``, ``+966 50 123 4567``) are
  glued with NO-BREAK SPACE before wrapping.
- LTR runs (Latin words, phone numbers) are wrapped in LRE…PDF so the bidi algorithm keeps them
  left-to-right; all bidi controls are stripped before drawing (the fonts have no glyph for
  them). The pure-Python ``bidi.algorithm.get_display`` is used: it mirrors brackets, the Rust
  ``bidi.get_display`` does not.
- The reshaper keeps harakat and does not fuse الله into one glyph (U+FDF2), which would
  otherwise happen inside names such as عبدالله.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

NBSP = "\u00a0"
LRE = "\u202a"
RLE = "\u202b"
PDF = "\u202c"

# Built once: reading the configuration is slow, and the defaults are wrong for names.
RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,  # the default silently deletes tashkeel from names
        "delete_tatweel": False,
        "support_ligatures": True,  # keep lam-alef (letters ligatures are on by default)
        "ARABIC LIGATURE ALLAH": False,  # else عبدالله shows a single-glyph الله
        "ARABIC LIGATURE MOHAMMAD": False,
        "ARABIC LIGATURE AKBAR": False,
        "ARABIC LIGATURE ALAYHE": False,
        "ARABIC LIGATURE RASOUL": False,
        "ARABIC LIGATURE SALAM": False,
        "ARABIC LIGATURE SALLA": False,
        "ARABIC LIGATURE WASALLAM": False,
        "ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM": False,
        "ARABIC LIGATURE JALLAJALALOUHOU": False,
        "ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM": False,
    }
)

# Bidi controls (embeddings, overrides, isolates, marks) and zero-width characters that have
# no glyph. ZWJ/ZWNJ are kept for the reshaper (ZWNJ matters in Persian) and removed afterwards.
# bidi and zero-width controls, and the C0/C1 control characters (a name stored with a NUL or ESC)
_CONTROLS_RE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

# Groups glued with NBSP so the wrapper never breaks them.
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
# day + month name (one or two words) + year + optional era mark: 1 شوال 1446 هـ, 5 ربيع الأول 1447 هـ,
# 30 مارس 2025 م, 30 March 2025.
_DATE_RE = re.compile(
    rf"{_DIGIT}{{1,2}}[ \u00a0]+(?:[^\s\d]+[ \u00a0]+){{1,2}}?{_DIGIT}{{3,4}}(?:[ \u00a0]+(?:هـ|ه|م|AH|CE|AD)(?!\w))?"
)
# phone numbers: +966 50 123 4567, 050 123 4567, 0501234567 (three or more digit groups or a long run)
_PHONE_RE = re.compile(rf"\+?{_DIGIT}{{1,4}}(?:[ \u00a0-]{_DIGIT}{{2,4}}){{2,}}|\+?{_DIGIT}{{9,15}}")
# number + the word after it (its unit): 12 ساعة, 12.5 ساعة, 3 أيام
_QUANTITY_RE = re.compile(rf"{_DIGIT}+(?:[.,\u066b]{_DIGIT}+)?[ \u00a0]+(?=[^\W\d_])\S+")
# Latin runs (words, numbers after a Latin word, e-mail/URL punctuation), kept LTR inside Arabic
_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_RUN_RE = re.compile(
    rf"[{_LATIN}](?:[{_LATIN}0-9.'’&@/_:\-]|[ \u00a0](?=[{_LATIN}0-9]))*|\+?[0-9](?:[0-9]|[ \u00a0\-](?=[0-9]))*[0-9]"
)


# Name particles belong to the next word: a line never ends with بن or آل.
_PARTICLE_RE = re.compile(r"(?<!\S)(بن|بنت|ابن|آل|أبو|ابو|أم|عبد|ذو|ذي)[ ]+(?=\S)")


def _nbsp(m: re.Match[str]) -> str:
    return re.sub(r"[ \u00a0]+", NBSP, m.group(0))


def glue(text: str) -> str:
    """Glue dates, phone numbers, number+unit groups and name particles with NO-BREAK SPACE."""
    text = _DATE_RE.sub(_nbsp, text)
    text = _PHONE_RE.sub(_nbsp, text)
    text = _QUANTITY_RE.sub(_nbsp, text)
    return _PARTICLE_RE.sub(lambda m: m.group(1) + NBSP, text)


def _protect_ltr(line: str) -> str:
    # Only multi-part LTR runs need an embedding; single numbers are handled by the algorithm.
    def wrap(m: re.Match[str]) -> str:
        run = m.group(0)
        if " " not in run and NBSP not in run and "+" not in run:
            return run
        return LRE + run + PDF

    return _LATIN_RUN_RE.sub(wrap, line)


def strip_controls(text: str) -> str:
    """Drop bidi controls, zero-width and control characters (no glyph in the fonts)."""
    return _CONTROLS_RE.sub("", text).replace("\u200c", "").replace("\u200d", "")


def has_rtl(text: str) -> bool:
    return _RTL_RE.search(text) is not None


@lru_cache(maxsize=8192)
def reshape(text: str) -> str:
    """Contextual forms in logical order (harakat kept, no Allah ligature)."""
    return RESHAPER.reshape(text)


@lru_cache(maxsize=8192)
def visual_line(text: str, base_dir: str = "R") -> str:
    """One line, ready to draw left-to-right with ``drawString``/``drawRightString``."""
    text = text.replace("\n", " ")
    if not has_rtl(text) and base_dir == "L":
        return strip_controls(text)  # plain Latin line: nothing to shape or reorder
    shaped = reshape(_protect_ltr(text))
    return strip_controls(get_display(shaped, base_dir=base_dir))


@lru_cache(maxsize=8192)
def _token_width(token: str, font_name: str, font_size: float) -> float:
    return stringWidth(strip_controls(reshape(token)), font_name, font_size)


def wrap_logical(text: str, font_name: str, font_size: float, max_width: float) -> list[str]:
    """Greedy wrap in logical order; widths measured on the reshaped text.

    Words are measured one by one: shaping never crosses a space, so the sum equals the width
    of the reshaped line. A single word wider than ``max_width`` gets a line of its own.
    """
    space = stringWidth(" ", font_name, font_size)
    lines: list[str] = []
    for paragraph in glue(text).split("\n"):
        current: list[str] = []
        width = 0.0
        for word in paragraph.split(" "):
            if not word:
                continue
            w = _token_width(word, font_name, font_size)
            if current and width + space + w > max_width:
                lines.append(" ".join(current))
                current, width = [word], w
            else:
                width = width + space + w if current else w
                current.append(word)
        if current:
            lines.append(" ".join(current))
    return _carry_embeddings(lines)


def _carry_embeddings(lines: list[str]) -> list[str]:
    """Re-open on the next line an LRE/RLE embedding that a line break cut in two."""
    out: list[str] = []
    stack: list[str] = []
    for line in lines:
        opened = "".join(stack)
        for ch in line:
            if ch in (LRE, RLE):
                stack.append(ch)
            elif ch == PDF and stack:
                stack.pop()
        out.append(opened + line)
    return out


def embed_rtl(value: str) -> str:
    """Keep an Arabic value (a name, an event title) in its own order inside an English line."""
    return RLE + value + PDF if has_rtl(value) else value


def visual_lines(
    text: str, font_name: str, font_size: float, max_width: float, base_dir: str = "R"
) -> list[str]:
    """Wrap ``text`` to ``max_width`` points; each returned line is shaped and in visual order.

    Lines come top to bottom. ``base_dir='L'`` for English templates (Arabic inside a line is
    still shaped and reordered).
    """
    return [visual_line(line, base_dir) for line in wrap_logical(text, font_name, font_size, max_width)]
