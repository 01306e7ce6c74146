"""The Arabic text pipeline against every rendering case in ARABIC.md (assertions on visual strings)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from fieldapp.certificates.arabic import (
    NBSP,
    RESHAPER,
    glue,
    strip_controls,
    visual_line,
    visual_lines,
    wrap_logical,
)
from fieldapp.certificates.fonts import NASKH_BOLD, SANS, register_fonts

BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts()


def logical(visual: str) -> str:
    """Undo shaping and reordering of a pure-Arabic visual line (for comparisons)."""
    return unicodedata.normalize("NFKC", visual[::-1])


def no_controls(s: str) -> None:
    assert not BIDI_CONTROLS & set(s), f"bidi controls left in {s!r}"


def test_reshaper_configuration() -> None:
    cfg = RESHAPER.configuration
    assert cfg.getboolean("delete_harakat") is False
    assert cfg.getboolean("ARABIC LIGATURE ALLAH") is False
    assert cfg.getboolean("support_ligatures") is True


def test_case1_abdullah_joined_without_allah_ligature() -> None:
    name = "عبدالله بن خميس الزايدي"
    v = visual_line(name)
    assert "\ufdf2" not in v
    assert v == strip_controls(v)
    # shaped into contextual forms (no bare letters), and exactly the original letters
    assert not any("\u0621" <= ch <= "\u064a" for ch in v)
    assert logical(v) == name
    # الله inside عبدالله: lam initial/medial forms, not one glyph
    assert "\ufedf" in v or "\ufee0" in v


def test_case2_harakat_kept() -> None:
    name = "مُحَمَّد عَلِيّ"
    v = visual_line(name)
    for mark in "\u064f\u064e\u0651\u0650":
        assert v.count(mark) == name.count(mark), mark
    assert "\ufdf4" not in v  # no single-glyph محمد
    # each mark comes right before (visually) the letter it belongs to: damma + initial meem at the end
    assert v.endswith("\u064f\ufee3")


def test_case3_lam_alef_ligatures() -> None:
    v = visual_line("لا لأ لإ لآ الإمارات فلاح")
    assert {"\ufefb", "\ufef7", "\ufef9", "\ufef5"} <= set(v)  # isolated لا لأ لإ لآ
    assert "\ufef9" in v or "\ufefa" in v  # الإمارات
    assert "\ufefc" in v  # فلاح: final (connected) lam-alef
    assert "\u0644" not in v and "\u0627" not in v


def test_case4_tatweel_kept_and_joined() -> None:
    v = visual_line("إلـــهام")
    assert v.count("\u0640") == 3
    assert "\ufedf" in v  # lam in initial form: it joins into the tatweel
    assert "\ufeec" in v  # heh medial: joined after the tatweel


def test_case5_persian_letters() -> None:
    name = "گلپری ژاله کریمی"
    v = visual_line(name)
    assert logical(v) == name
    assert any("\ufb92" <= ch <= "\ufb95" for ch in v)  # gaf
    assert any("\ufb56" <= ch <= "\ufb59" for ch in v)  # peh
    assert any("\ufb8a" <= ch <= "\ufb8b" for ch in v)  # jeh
    assert any("\ufbfc" <= ch <= "\ufbff" for ch in v)  # farsi yeh


def test_case6_english_stays_ltr() -> None:
    v = visual_line("المتطوع John Smith 2nd حضر")
    no_controls(v)
    assert "John Smith 2nd" in v
    left, right = v.split("John Smith 2nd")
    assert logical(left.strip()) == "حضر"
    assert logical(right.strip()) == "المتطوع"


def test_case7_numbers_not_reversed() -> None:
    v = visual_line("حضر 12 ساعة / 12.5 ساعة")
    assert "12.5" in v and "12" in v
    assert "21" not in v and "5.21" not in v
    # reading right to left: حضر, 12, ساعة, /, 12.5, ساعة
    assert v.index("12.5") < v.index("/") < v.index("12 ")


def test_case8_brackets_mirrored() -> None:
    v = visual_line("(سعودي) [مؤكد] «مقتبس»")
    assert v == "«ﺲﺒﺘﻘﻣ» [ﺪﻛﺆﻣ] (ﻱﺩﻮﻌﺳ)"
    # every bracket faces the text it encloses
    for o, c in ("()", "[]", "«»"):
        assert v.index(o) < v.index(c)


def test_case9_phone_one_ltr_run() -> None:
    v = visual_line("اتصل على +966 50 123 4567 الآن").replace(NBSP, " ")
    assert "+966 50 123 4567" in v
    for width in (60, 90, 140, 200):
        lines = [
            x.replace(NBSP, " ")
            for x in visual_lines("للتواصل مع المنسق: +966 50 123 4567 شكرًا", SANS, 15, width)
        ]
        assert any("+966 50 123 4567" in x for x in lines), lines


def test_case10_hijri_date_never_split() -> None:
    text = "أقيم الملتقى في حديقة الملك عبدالله بتاريخ 1 شوال 1446 هـ الموافق 30 مارس 2025 م بمشاركة واسعة"
    date_visual = visual_line("1 شوال 1446 هـ").replace(NBSP, " ")
    greg_visual = visual_line("30 مارس 2025 م").replace(NBSP, " ")
    for width in range(60, 500, 7):
        lines = [x.replace(NBSP, " ") for x in visual_lines(text, SANS, 14, width)]
        assert sum(date_visual in x for x in lines) == 1, (width, lines)
        assert sum(greg_visual in x for x in lines) == 1, (width, lines)
        for x in lines:
            no_controls(x)
    assert "1" + NBSP + "شوال" + NBSP + "1446" + NBSP + "هـ" in glue("في 1 شوال 1446 هـ")
    assert glue("5 ربيع الأول 1447 هـ").count(" ") == 0  # two-word month


def test_case10_quantities_glued() -> None:
    assert glue("بواقع 12 ساعة من العمل") == "بواقع 12" + NBSP + "ساعة من العمل"
    assert glue("12.5 ساعة").count(NBSP) == 1


def test_case11_long_name_first_words_on_top() -> None:
    name = "عبدالرحمن بن عبدالعزيز بن عبدالله بن محمد بن سعود بن فيصل آل عبدالمحسن القحطاني"
    lines = visual_lines(name, NASKH_BOLD, 30, 300)
    assert len(lines) >= 2
    first = logical(lines[0].replace(NBSP, " "))
    assert first.startswith("عبدالرحمن")
    last = logical(lines[-1].replace(NBSP, " "))
    assert last.endswith("القحطاني")
    # never a line ending in a particle (بن / آل)
    for logical_line in wrap_logical(name, NASKH_BOLD, 30, 300):
        assert logical_line.split(" ")[-1] not in {"بن", "آل"}
    # all words, in order, across the lines
    assert " ".join(logical(x.replace(NBSP, " ")) for x in lines) == name


def test_case12_umm_al_qura_date() -> None:
    from fieldapp.core.dates import format_hijri

    hijri = format_hijri(date(2025, 3, 30))
    assert hijri == "1 شوال 1446 هـ"
    v = visual_line(f"بتاريخ {hijri}").replace(NBSP, " ")
    assert "1446" in v and "ﻝﺍﻮﺷ" in v and "ﻥﺎﻀﻣﺭ" not in v


def test_english_base_direction_left() -> None:
    assert visual_line("Certificate of Attendance", "L") == "Certificate of Attendance"
    v = visual_line("awarded to عبدالله on 30 March 2025", "L")
    assert v.startswith("awarded to ") and v.endswith(" on 30 March 2025")


def test_wrap_keeps_every_word_in_order() -> None:
    text = "تتقدم أمانة منطقة الرياض بخالص الشكر وعظيم الامتنان إلى جميع المتطوعين والمتطوعات"
    lines = wrap_logical(text, SANS, 15, 150)
    assert " ".join(lines).replace(NBSP, " ") == text


def test_quantity_glue_stops_at_brackets() -> None:
    assert glue("on 30 March 2025 (1 Shawwal 1446 AH)") == (
        "on 30" + NBSP + "March" + NBSP + "2025 (1" + NBSP + "Shawwal" + NBSP + "1446" + NBSP + "AH)"
    )


def test_arabic_value_inside_english_line_keeps_its_order() -> None:
    from fieldapp.certificates.arabic import embed_rtl

    line = "attended " + embed_rtl("مؤتمر John Smith 2nd للتطوع") + ", held in Riyadh"
    v = visual_line(line, "L")
    no_controls(v)
    assert v.startswith("attended ") and v.endswith(", held in Riyadh")
    inner = v[len("attended ") : -len(", held in Riyadh")]
    left, right = inner.split("John Smith 2nd")
    assert logical(left.strip()) == "للتطوع" and logical(right.strip()) == "مؤتمر"
    # wrapped: the embedding is re-opened on the next line, so both halves stay right-to-left
    lines = visual_lines(line, SANS, 15, 190, "L")
    assert len(lines) >= 2
    for x in lines:
        no_controls(x)
