"""What the desk says about a scan, in both languages: the attendance.* messages and their rendering.

A scan result keeps its message key and raw parameters (datetimes, hours, seconds); `render()`
turns them into the words and formats of one language, so the same result reads right in the
Arabic desk and the English CLI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldapp.core import dates, i18n

i18n.register(
    {
        "attendance.checked_in": ("تم تسجيل الدخول: {name}", "Checked in: {name}"),
        "attendance.checked_out": (
            "تم تسجيل الخروج: {name} — {hours}",
            "Checked out: {name} — {hours}",
        ),
        "attendance.already_in": (
            "{name} [[مسجَّل دخوله|مسجَّلة دخولها]] منذ {since}؛ حُفظ المسح ولن تُحتسب الساعات مرتين.",
            "{name} is already checked in since {since}; the scan is kept and hours are not counted twice.",
        ),
        "attendance.needs_consent": (
            "تم تسجيل دخول {name}، لكن [[عمره|عمرها]] دون 18 عامًا ولا توجد موافقة ولي الأمر؛ اطلبها قبل أن [[يبدأ|تبدأ]].",
            "{name} is checked in, but is under 18 with no guardian consent on file; get it before they start.",
        ),
        "attendance.walk_in": (
            "تم تسجيل دخول {name}، [[لكنه غير مسجَّل|لكنها غير مسجَّلة]] في هذه الفعالية (حضور دون تسجيل مسبق).",
            "{name} is checked in but was not registered for this event (walk-in).",
        ),
        "attendance.too_soon": (
            "{name}: سُجِّل {last} {ago}؛ انتظر {wait} قبل المسح التالي.",
            "{name} was {last} {ago}; wait {wait} before the next scan.",
        ),
        "attendance.no_reentry": (
            "لا يُسمح بالعودة بعد تسجيل الخروج في هذه الفعالية ({name} [[سجَّل خروجه|سجَّلت خروجها]] الساعة {since}).",
            "Re-entry after check-out is not allowed at this event ({name} checked out at {since}).",
        ),
        "attendance.not_in": (
            "{name} [[غير مسجَّل دخوله|غير مسجَّلة دخولها]]، فلا يوجد خروج يُسجَّل؛ [[سجِّل دخوله|سجِّل دخولها]] أولًا.",
            "{name} is not checked in, so there is nothing to check out; check them in first.",
        ),
        "attendance.not_started": (
            "لم يبدأ المسح لهذه الفعالية بعد؛ يبدأ في {opens_at}. تأكد من اختيار الفعالية الصحيحة.",
            "Scanning for this event has not opened yet; it opens at {opens_at}. Check the right event is selected.",
        ),
        "attendance.ended": (
            "انتهت هذه الفعالية في {ended_at} ولا يُقبل المسح بعد 12 ساعة من نهايتها؛ تأكد من اختيار الفعالية الصحيحة.",
            "This event ended at {ended_at}; scans are not accepted more than 12 hours after the end. "
            "Check the right event is selected.",
        ),
        "attendance.not_found": (
            "لم يُعثر على أحد بهذا الرمز ({code})؛ ابحث بالاسم أو سجِّله حضورًا دون تسجيل مسبق.",
            "No one found with this code ({code}); search by name or register them as a walk-in.",
        ),
        "attendance.direction": (
            "الاتجاه «{value}» غير معروف؛ استخدم in أو out.",
            "Unknown direction '{value}'; use in or out.",
        ),
        "attendance.scan_not_found": (
            "لا يوجد مسح بالمعرّف {id}.",
            "There is no scan with id {id}.",
        ),
        "attendance.already_voided": (
            "هذا المسح أُلغي من قبل؛ لا حاجة لإلغائه مرة أخرى.",
            "This scan was already voided; there is nothing to undo.",
        ),
        "attendance.undo_expired": (
            "انقضت مهلة التراجع ({seconds} ثانية) عن هذا المسح؛ اطلب من المشرف إلغاءه.",
            "The {seconds}-second undo window for this scan has passed; ask a supervisor to void it.",
        ),
        "attendance.undo_other_user": (
            "سجَّل هذا المسحَ المستخدمُ «{user}»؛ لا يتراجع عنه إلا هو خلال المهلة، أو المشرف.",
            "This scan was recorded by '{user}'; only they (within the undo window) or a supervisor can undo it.",
        ),
        "attendance.void_reason_required": (
            "اكتب سبب الإلغاء (مثل: مسح الشخص الخطأ).",
            "Type a reason for the void (for example: wrong person scanned).",
        ),
        "attendance.via_device": (
            "[[دخل|دخلت]] عبر جهاز ({device}) الساعة {time}.",
            "Checked in on laptop ({device}) at {time}.",
        ),
        "attendance.word.in": ("[[دخوله|دخولها]]", "checked in"),
        "attendance.word.out": ("[[خروجه|خروجها]]", "checked out"),
        "attendance.word.just_now": ("قبل لحظات", "a moment ago"),
        "attendance.word.ago": ("قبل {span}", "{span} ago"),
    }
)


def render(keys: tuple[str, ...], lang: str | None, params: dict[str, Any]) -> str:
    """The messages `keys` in `lang` (the current language when None), one per line."""
    lang = lang or i18n.language()
    values = _localized(params, lang)
    if "via_device" in params:  # the person is in through another laptop's scan
        keys = (*keys, "attendance.via_device")
    return "\n".join(i18n.msg(key, lang, **values) for key in keys)


def _localized(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Message parameters in the words and formats of one language."""
    out = dict(params)
    for key, value in params.items():
        if isinstance(value, dt.datetime):
            out[key] = dates.format_datetime(value, lang)
    if "hours" in params:
        out["hours"] = dates.format_hours(params["hours"], lang)
    if "via_device" in params:
        out["device"] = "\u2066" + str(params["via_device"]) + "\u2069"  # a Latin code kept whole
        out["time"] = "\u2066" + dates.format_time(params["via_at"], lang) + "\u2069"
    if "last_direction" in params:
        out["last"] = i18n.msg(
            f"attendance.word.{params['last_direction']}", lang, gender=params.get("gender")
        )
    if "seconds_ago" in params:
        seconds = int(params["seconds_ago"])
        out["ago"] = (
            i18n.msg("attendance.word.just_now", lang)
            if seconds < 10
            else i18n.msg("attendance.word.ago", lang, span=_span(seconds, lang, up=False))
        )
    if "wait_seconds" in params:  # how long is left to wait, not the rule's interval
        out["wait"] = _span(int(params["wait_seconds"]), lang, up=True)
    return out


def _span(seconds: int, lang: str, up: bool) -> str:
    """'45 ثانية' under a minute, else whole minutes (rounded up for a wait, down for an age)."""
    if seconds < 60:
        return i18n.count("seconds", seconds, lang, oblique=True)  # «قبل ثانيتين», «انتظر دقيقتين»
    minutes = -(-seconds // 60) if up else seconds // 60
    return i18n.count("minutes", minutes, lang, oblique=True)
