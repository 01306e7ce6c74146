"""Arabic agrees with the person and with the number: the gender choices and CLDR plural counts."""

import pytest

from fieldapp.core import i18n


@pytest.mark.parametrize(
    ("n", "arabic", "english"),
    [
        (0, "0 ساعة", "0 hours"),
        (1, "ساعة واحدة", "1 hour"),
        (2, "ساعتان", "2 hours"),
        (3, "3 ساعات", "3 hours"),
        (10, "10 ساعات", "10 hours"),
        (11, "11 ساعةً", "11 hours"),
        (99, "99 ساعةً", "99 hours"),
        (100, "100 ساعة", "100 hours"),
        (103, "103 ساعات", "103 hours"),
        (12.5, "12.5 ساعة", "12.5 hours"),
        (3.0, "3 ساعات", "3 hours"),
    ],
)
def test_hours_take_the_form_their_number_calls_for(n, arabic, english):
    assert i18n.count("hours", n, "ar") == arabic
    assert i18n.count("hours", n, "en") == english


def test_the_six_arabic_categories_come_from_cldr():
    categories = [i18n.plural_category(n, "ar") for n in (0, 1, 2, 5, 37, 100)]
    assert categories == ["zero", "one", "two", "few", "many", "other"]
    assert i18n.count("certificates", 37, "ar") == "37 شهادةً"  # never «37 شهادة» / «37 درع»
    assert i18n.count("pages", 9, "ar", digits="arabic") == "٩ صفحات"


def test_the_dual_after_a_verb_or_preposition_is_oblique():
    assert i18n.count("minutes", 2, "ar") == "دقيقتان"
    assert i18n.count("minutes", 2, "ar", oblique=True) == "دقيقتين"
    assert i18n.count("minutes", 3, "ar", oblique=True) == "3 دقائق"
    assert i18n.count("minutes", 2, "en", oblique=True) == "2 min"


def test_a_sentence_agrees_with_the_person():
    i18n.register({"test.agree.in": ("{name} [[مسجَّل دخوله|مسجَّلة دخولها]]", "{name} is checked in")})
    assert i18n.msg("test.agree.in", "ar", name="غادة", gender="f") == "غادة مسجَّلة دخولها"
    assert i18n.msg("test.agree.in", "ar", name="فهد", gender="m") == "فهد مسجَّل دخوله"
    # unknown gender: both, never a guess
    assert i18n.msg("test.agree.in", "ar", name="X", gender=None) == "X مسجَّل دخوله/مسجَّلة دخولها"
    assert i18n.msg("test.agree.in", "en", name="Ghada", gender="f") == "Ghada is checked in"


def test_by_gender_uses_the_unknown_form_only_when_unknown():
    assert i18n.by_gender("f", "له", "لها", "له/ا") == "لها"
    assert i18n.by_gender("m", "له", "لها", "له/ا") == "له"
    assert i18n.by_gender(None, "له", "لها", "له/ا") == "له/ا"
    assert i18n.agree("[[حضر|حضرت|حضر/ت]] و[[شارك|شاركت]]", "f") == "حضرت وشاركت"


def test_counted_words_need_cldr_categories():
    with pytest.raises(ValueError):
        i18n.register_counted({"test.bad": ({"dual": "x"}, {"other": "y"})})


def test_the_desk_messages_agree_with_the_person():
    import datetime as dt

    from fieldapp.services.attendance.messages import render

    since = dt.datetime(2026, 11, 30, 5, 0, tzinfo=dt.UTC)
    ghada = render(("attendance.already_in",), "ar", {"name": "غادة", "gender": "f", "since": since})
    fahad = render(("attendance.already_in",), "ar", {"name": "فهد", "gender": "m", "since": since})
    assert ghada.startswith("غادة مسجَّلة دخولها منذ") and fahad.startswith("فهد مسجَّل دخوله منذ")
    too_soon = {"name": "غادة", "gender": "f", "last_direction": "in", "seconds_ago": 30, "wait_seconds": 90}
    assert "سُجِّل دخولها قبل 30 ثانيةً؛ انتظر دقيقتين" in render(("attendance.too_soon",), "ar", too_soon)
    assert render(
        ("attendance.already_in",), "en", {"name": "Ghada", "gender": "f", "since": since}
    ).startswith("Ghada is already checked in")


@pytest.mark.parametrize("n", [1, 2, 3, 11, 37, 100])
def test_a_typed_unit_is_a_label_never_a_counted_noun(n):
    """«37 درع» cannot agree (the unit has one typed form): the unit labels the number instead."""
    assert i18n.quantity(str(n), "درع") == f"درع: {n}"
    assert i18n.quantity(str(n), "shield") == f"shield: {n}"


def test_a_gift_quantity_names_the_unit_only_when_the_name_does_not():
    assert i18n.gift_quantity("درع تذكاري", "37", "درع") == "درع تذكاري: 37"
    assert i18n.gift_quantity("كرتون تمر سكري", "8", "كرتون") == "كرتون تمر سكري: 8"
    assert i18n.gift_quantity("حقيبة المتطوع", "2", "حقيبه") == "حقيبة المتطوع: 2"  # ة / ه forgiven
    assert i18n.gift_quantity("تمر سكري", "8", "كرتون") == "تمر سكري — كرتون: 8"
    assert i18n.gift_quantity("تمر", "٨", "") == "تمر: ٨"


def test_the_clock_warning_counts_its_minutes():
    import fieldapp.sync.enrolment  # noqa: F401  (registers the sync messages)

    def warning(minutes: int, lang: str) -> str:
        return i18n.msg("sync.clock_skew", lang, minutes=i18n.count("minutes", minutes, lang, oblique=True))

    assert "بنحو دقيقتين؛" in warning(2, "ar")
    assert "بنحو 5 دقائق؛" in warning(5, "ar")
    assert "بنحو 13 دقيقةً؛" in warning(13, "ar")
    assert "by about 13 min;" in warning(13, "en")
