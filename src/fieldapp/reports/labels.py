"""The Arabic words of the reports: column headers, attendance flags, gift flags."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from fieldapp.core import dates, i18n

if TYPE_CHECKING:
    from fieldapp.services import Services
    from fieldapp.services.attendance import AttendanceRow
    from fieldapp.services.gifts import HandoverView

ATTENDANCE_FLAGS = {
    "auto_closed": "أُغلق تلقائيًا عند نهاية الفعالية",
    "duplicate_checkin": "تسجيل دخول مكرر (من جهازين أو مسح مزدوج)",
    "duplicate_checkout": "تسجيل خروج مكرر",
    "out_without_in": "خروج دون دخول",
    "reentry": "عاد بعد الخروج",
}
STATES = {"in": "في الموقع", "out": "غادر", "absent": "لم يحضر"}
GIFT_FLAGS = {
    "overdrawn": "أكثر من المخزون",
    "over_limit": "تجاوز حد المستلم",
    "repeat": "استلم من قبل",
}
YES, NO = "نعم", "لا"

ATTENDANCE_HEADERS = (
    "الاسم",
    "رقم الهوية",
    "أول دخول",
    "آخر خروج",
    "الساعات",
    "الحالة",
    "ملاحظات",
    "مسجّل مسبقًا",
    "يستحق الشهادة",
)
GIFT_HEADERS = (
    "التاريخ والوقت",
    "الهدية",
    "الكمية",
    "الوحدة",
    "المستلم",
    "الصفة",
    "سلّمها",
    "ملاحظة",
    "تنبيهات",
)


def flags_text(row: AttendanceRow) -> str:
    """The row's flags in words, walk-in included ('، ' between them)."""
    words = [
        i18n.by_gender(row.gender, "عاد بعد الخروج", "عادت بعد الخروج")
        if flag == "reentry"
        else ATTENDANCE_FLAGS.get(flag, flag)
        for flag in row.flags
    ]
    if row.first_in is not None and not row.registered:
        words.append("حضور دون تسجيل مسبق")
    return "، ".join(words)


def state_text(row: AttendanceRow) -> str:
    """«غادر» / «غادرت», «لم يحضر» / «لم تحضر»: the state agrees with the person."""
    if row.state == "out":
        return i18n.by_gender(row.gender, "غادر", "غادرت")
    if row.state == "absent":
        return i18n.by_gender(row.gender, "لم يحضر", "لم تحضر")
    return STATES.get(row.state, row.state)


def gift_flags_text(row: HandoverView) -> str:
    return "، ".join(GIFT_FLAGS.get(flag, flag) for flag in row.flags)


def local_naive(value: dt.datetime | None) -> dt.datetime | None:
    """Riyadh wall time without tzinfo: what a spreadsheet cell can hold."""
    return None if value is None else dates.to_local(value).replace(tzinfo=None, microsecond=0)


def organisation_name(services: Services, lang: str = "ar") -> str:
    """The organisation's name as printed on reports ('' when none is set up yet)."""
    org = services.organisation.get()
    if org is None:
        return ""
    return org.name_en if lang == "en" and org.name_en else org.name
