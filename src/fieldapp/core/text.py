"""Arabic-first text normalisation: store names clean, search them forgivingly.

Two different jobs live here and must not be confused:

* cleaning (`clean_name`, `clean_text`) produces what we STORE and print: invisible characters
  and PDF presentation forms go, but harakat, tatweel, hamza and Persian letters stay exactly
  as typed;
* folding (`fold`, `name_tokens`, `query_tokens`) produces a SEARCH KEY only: it forgets
  everything a coordinator may not type (hamza, diacritics, ى/ي, ة/ه, Persian letter shapes,
  Arabic-Indic digits, case, punctuation). Never show or store a folded string as a name.

Everything is built on precompiled `str.translate` tables so it stays cheap on 100,000-row
imports and on every keystroke of a search (see ARABIC.md, "Input normalisation").
"""

from __future__ import annotations

import re
import unicodedata

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError

__all__ = [
    "BIDI_CONTROLS",
    "CONTROLS",
    "INVISIBLES",
    "NAME_MAX",
    "clean_name",
    "clean_text",
    "digits_only",
    "fold",
    "looks_numeric",
    "name_tokens",
    "normalize_digits",
    "printable",
    "query_tokens",
    "strip_controls",
    "strip_invisible",
]

i18n.register(
    {
        "name.empty": (
            "الاسم مطلوب: اكتب حرفًا واحدًا على الأقل (المسافات والرموز غير المرئية لا تُحسب)",
            "A name is required: type at least one letter (spaces and invisible characters do not count)",
        ),
        "name.too_long": (
            "الاسم أطول من اللازم ({length} حرفًا)؛ الحد الأقصى {limit} حرفًا",
            "The name is too long ({length} characters); the limit is {limit}",
        ),
    }
)

# --- invisible characters -------------------------------------------------------------------

#: Bidi embedding/override/isolate controls and the Arabic letter mark: copied along with text
#: from WhatsApp, Excel or a PDF, invisible on screen, and they break equality and sorting.
BIDI_CONTROLS: frozenset[str] = frozenset(
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u061c"  # ARABIC LETTER MARK
)

#: Everything `strip_invisible` removes: the bidi controls, zero-width characters
#: (ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP), the soft hyphen, plus the other invisible
#: format characters of the General Punctuation block and the Mongolian vowel separator.
INVISIBLES: frozenset[str] = BIDI_CONTROLS | frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u2061\u2062\u2063\u2064"  # invisible maths operators
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated format characters
    "\u180e"
)

_STRIP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLES))

#: Control characters (C0, DEL, C1) other than the whitespace ones: a NUL, a \x01 or an ESC
#: sequence from a file or a scanner would break an Excel export or drive a terminal.
CONTROLS: frozenset[str] = frozenset(
    ch for ch in map(chr, (*range(0x20), *range(0x7F, 0xA0))) if not ch.isspace()
)
_STRIP_CONTROLS = str.maketrans(dict.fromkeys(CONTROLS))
_STRIP_INVISIBLE_AND_CONTROLS = str.maketrans(dict.fromkeys(INVISIBLES | CONTROLS))
_CONTROLS_TO_SPACE = str.maketrans(
    dict.fromkeys(CONTROLS | frozenset("\r\n\t\x0b\x0c\x1c\x1d\x1e\x1f\x85"), " ")
)


def strip_invisible(s: str) -> str:
    """Remove bidi controls, zero-width characters and soft hyphens (they hide in pasted text)."""
    return s.translate(_STRIP_INVISIBLE)


def strip_controls(s: str) -> str:
    """Remove control characters (NUL, ESC, DEL, C1...), keeping tabs and line breaks."""
    return s.translate(_STRIP_CONTROLS)


def printable(s: str) -> str:
    """One line safe to print or write to a file: control characters and line breaks become spaces
    (a name stored before controls were cleaned must not drive a terminal)."""
    return s.translate(_CONTROLS_TO_SPACE)


# --- digits ---------------------------------------------------------------------------------

_DIGIT_MAP: dict[int, str] = {}
for _i in range(10):
    _DIGIT_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic ٠-٩
    _DIGIT_MAP[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian/Urdu) ۰-۹
_DIGIT_MAP[0x066B] = "."  # ARABIC DECIMAL SEPARATOR ٫
_DIGIT_MAP[0x066C] = ","  # ARABIC THOUSANDS SEPARATOR ٬
_NORMALIZE_DIGITS = str.maketrans(_DIGIT_MAP)

_ASCII_DIGITS = frozenset("0123456789")
_NON_DIGITS = re.compile(r"[^0-9]+")


def normalize_digits(s: str) -> str:
    """Arabic-Indic and Persian digits to 0-9 (and ٫ ٬ to . ,) so numbers compare and parse."""
    return s.translate(_NORMALIZE_DIGITS)


def digits_only(s: str) -> str:
    """The ASCII digits of `s`, any script: for IDs and phones typed with separators."""
    return _NON_DIGITS.sub("", s.translate(_NORMALIZE_DIGITS))


_NUMERIC_NOISE = str.maketrans(dict.fromkeys(INVISIBLES | frozenset("+-()"))) | _DIGIT_MAP


def looks_numeric(query: str) -> bool:
    """True when a search query is a number (ID or mobile) rather than a name.

    Spaces, + - ( ) and invisibles are ignored; digits are checked against 0-9 explicitly
    because str.isdigit() also accepts '²' and other lookalikes.
    """
    t = "".join(query.translate(_NUMERIC_NOISE).split())
    return bool(t) and _ASCII_DIGITS.issuperset(t)


# --- cleaning (what we store) ---------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _nfkc(s: str) -> str:
    # is_normalized is a quick check; most input is already NFKC.
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


NAME_MAX = 200  # characters: the longest name column in the store


def clean_name(s: str, field: str = "name") -> str:
    """A person's or body's name as it will be stored and printed.

    NFKC turns PDF presentation forms (ﻣﺤﻤﺪ) back into letters; it keeps harakat, tatweel,
    hamza, lam-alef and Persian letters (canonical reordering of stacked marks, e.g. shadda
    and fatha, does not change how the name looks). Invisibles and control characters go,
    whitespace (NBSP, tabs, newlines) collapses to single spaces. Longer than NAME_MAX is refused.
    """
    cleaned = " ".join(_nfkc(s).translate(_STRIP_INVISIBLE_AND_CONTROLS).split())
    if not cleaned:
        raise ValidationError("name.empty", field=field)
    if len(cleaned) > NAME_MAX:
        raise ValidationError("name.too_long", field=field, length=len(cleaned), limit=NAME_MAX)
    return cleaned


def _fix_presentation_forms(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


def clean_text(s: str | None) -> str:
    """Free text (notes, places): cleaned like a name, but may be empty, has no length limit here,
    and keeps its lines.

    Unlike names, only Arabic presentation forms get the compatibility mapping; the rest is
    NFC, so a note such as «50 م²» or «½ كرتون» keeps its symbols. Each line is trimmed with
    its inner whitespace collapsed; runs of blank lines shrink to one; leading and trailing
    blank lines go.
    """
    if not s:
        return ""
    s = _PRESENTATION_FORMS.sub(_fix_presentation_forms, s)
    s = unicodedata.normalize("NFC", s).translate(_STRIP_INVISIBLE_AND_CONTROLS)
    lines = [" ".join(line.split()) for line in _NEWLINES.split(s)]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


# --- folding (search keys) ------------------------------------------------------------------


def _build_fold_table() -> dict[int, str | None]:
    """One translate table that does every per-character step of `fold` at once.

    It is applied after NFKD + casefold, so composed letters (أ إ آ ؤ ئ, é, ñ...) arrive as
    base letter + combining mark and folding them is just deleting the mark.
    """
    table: dict[int, str | None] = {}
    # Punctuation and symbols (any script: ، ؛ ؟ « » brackets, hyphens, dots, apostrophes,
    # + / @ ...) become a space so they separate words. Whitespace and control characters too.
    for cp in (*range(0x10000), *range(0x1F000, 0x1FC00)):
        cat = unicodedata.category(chr(cp))
        if cat[0] in "PSZ" or cat == "Cc":
            table[cp] = " "
    # Invisible format characters vanish (a ZWNJ inside a Persian word must not split it).
    for ch in INVISIBLES:
        table[ord(ch)] = None
    # Combining marks: Latin accents and Arabic harakat, Quranic marks, tatweel, hamza.
    deleted = [
        *range(0x0300, 0x0370),  # combining diacritics (accents)
        *range(0x1AB0, 0x1B00),
        *range(0x1DC0, 0x1E00),
        *range(0x20D0, 0x2100),
        *range(0xFE20, 0xFE30),
        *range(0x064B, 0x0660),  # harakat, shadda, sukun, hamza above/below, madda
        0x0670,  # superscript alef
        *range(0x06D6, 0x06EE),  # Quranic annotation marks
        0x0640,  # tatweel
        0x0621,  # standalone hamza ء
        0x0674,  # high hamza ٴ (left over by NFKD of ٵ ٶ ٸ)
    ]
    for cp in deleted:
        table[cp] = None
    letters = {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef wasla
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ۃ": "ه",  # Urdu teh marbuta goal
        "ک": "ك",  # Persian kaf
        "ڪ": "ك",  # swash kaf
        "گ": "ك",  # gaf (typed as ك on an Arabic keyboard)
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ۍ": "ي",
        "ے": "ي",  # Urdu yeh barree
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ڤ": "ف",
        "ڨ": "ق",
        "ھ": "ه",  # heh doachashmee
        "ہ": "ه",  # heh goal
        "ە": "ه",  # ae
        "ۀ": "ه",
    }
    for src, dst in letters.items():
        table[ord(src)] = dst
    table.update(_DIGIT_MAP)
    # ٫ and ٬ become . and , above, which are punctuation: a space in the search key.
    table[0x066B] = " "
    table[0x066C] = " "
    return table


_FOLD = _build_fold_table()
_FOLD_ASCII = {cp: v for cp, v in _FOLD.items() if cp < 128}


def fold(s: str) -> str:
    """The search key of any text: what is left when every spelling variant is forgotten.

    Equivalent to the spec's NFKC → strip invisibles → digits → drop harakat/tatweel →
    unify hamza/alef/yeh/teh-marbuta/Persian forms → casefold Latin and drop accents →
    punctuation to spaces → collapse whitespace, done as NFKD + casefold + one translate.
    """
    if s.isascii():
        return " ".join(s.lower().translate(_FOLD_ASCII).split())
    return " ".join(unicodedata.normalize("NFKD", s).casefold().translate(_FOLD).split())


# Folded particles that form a compound with the next word: عبد الله / عبدالله,
# أبو بكر / أبوبكر, ابن سعيد, بن لادن / بنلادن, أم كلثوم, بو خالد.
_JOINERS = frozenset({"عبد", "ابو", "ابن", "بن", "ام", "بو"})
# Prefixes a single word may be split on when longer than 4 letters: عبدالرحمن → عبد + الرحمن.
_SPLITTABLE = ("عبد", "ابو")
# "الله" is not «ال» + «له»: never strip the article from it.
_NO_ARTICLE_STRIP = frozenset({"الله"})


def name_tokens(name: str) -> list[str]:
    """Every token a name is indexed under: its folded words plus compound variants.

    Variants make the written forms find each other: a joined form for a particle followed by
    a word (عبد الله → عبدالله), the parts of a joined compound (عبدالعزيز → عبد, العزيز), and a
    word without its article (الزايدي → زايدي). Original words come first; no duplicates.
    Match with `query_tokens`: every query token must be a prefix of some name token.
    """
    words = fold(name).split()
    out = dict.fromkeys(words)  # insertion-ordered set
    last = len(words) - 1
    for i, w in enumerate(words):
        if w in _JOINERS and i < last:
            joined = w + words[i + 1]
            out[joined] = None
        if len(w) > 4 and w.startswith(_SPLITTABLE):
            out[w[:3]] = None
            rest = w[3:]
            out[rest] = None
            if rest.startswith("ال") and len(rest) > 3 and rest not in _NO_ARTICLE_STRIP:
                out[rest[2:]] = None
        if len(w) > 3 and w.startswith("ال") and w not in _NO_ARTICLE_STRIP:
            out[w[2:]] = None
    return list(out)


def query_tokens(query: str) -> list[str]:
    """The folded words of a search query (deduplicated), nothing more.

    All compound and article variants live on the indexed side (`name_tokens`), so with the
    rule "every query token is a prefix of some name token" each of these matches:
    query عبدالله / name عبد الله (name has the joined variant), query عبد الله / name
    عبدالله (name has the parts), and the two same-spelling cases. Adding variants here would
    only make matching stricter (every variant would have to match), never looser.
    """
    return list(dict.fromkeys(fold(query).split()))
