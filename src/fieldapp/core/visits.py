"""Visit rules: double-booked team members and status transitions. Pure, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError

PLANNED = "planned"
IN_PROGRESS = "in_progress"
DONE = "done"
CANCELLED = "cancelled"
MISSED = "missed"
STATUSES = (PLANNED, IN_PROGRESS, DONE, CANCELLED, MISSED)

# Visits that will not take place do not hold their team's time.
INACTIVE = frozenset({CANCELLED, MISSED})

_ALLOWED: dict[str, frozenset[str]] = {
    PLANNED: frozenset({IN_PROGRESS, CANCELLED, MISSED}),
    IN_PROGRESS: frozenset({DONE}),
}

STATUS_LABELS = {
    PLANNED: ("مخططة", "Planned"),
    IN_PROGRESS: ("جارية", "In progress"),
    DONE: ("منفذة", "Done"),
    CANCELLED: ("ملغاة", "Cancelled"),
    MISSED: ("فائتة", "Missed"),
}

i18n.register(
    {
        "visit.transition.final": (
            "الزيارة «{current}» ولا يمكن تغيير حالتها إلى «{target}»؛ الحالة نهائية.",
            "The visit is '{current}' and cannot become '{target}': that status is final.",
        ),
        "visit.transition.not_started": (
            "لا يمكن إنهاء زيارة لم تبدأ؛ ابدأ الزيارة أولًا.",
            "A visit that has not started cannot be completed; start the visit first.",
        ),
        "visit.transition.already_started": (
            "الزيارة جارية؛ لا يمكن تغيير حالتها إلى «{target}»، أنهِها بدلًا من ذلك.",
            "The visit is in progress and cannot become '{target}'; complete it instead.",
        ),
        "visit.transition.same": (
            "الزيارة «{current}» أصلًا.",
            "The visit is already '{current}'.",
        ),
        "visit.transition.invalid": (
            "لا يمكن تغيير حالة الزيارة من «{current}» إلى «{target}».",
            "A visit cannot go from '{current}' to '{target}'.",
        ),
    }
)


def status_label(status: str, lang: str | None = None) -> str:
    arabic, english = STATUS_LABELS.get(status, (status, status))
    return arabic if (lang or i18n.language()) == "ar" else english


def transition_refusal(current: str, target: str) -> str | None:
    """The message key explaining why `current -> target` is refused, or None when allowed."""
    if target in _ALLOWED.get(current, frozenset()):
        return None
    if current == target:
        return "visit.transition.same"
    if current in (DONE, CANCELLED, MISSED):
        return "visit.transition.final"
    if current == PLANNED and target == DONE:
        return "visit.transition.not_started"
    if current == IN_PROGRESS:
        return "visit.transition.already_started"
    return "visit.transition.invalid"


def ensure_transition(current: str, target: str) -> None:
    key = transition_refusal(current, target)
    if key is not None:
        raise ValidationError(key, field="status", current=status_label(current), target=status_label(target))


@dataclass(frozen=True)
class VisitSlot:
    """What overlap detection needs of a visit: its time, its status and its live team."""

    visit_id: str | None  # None for a visit not saved yet
    start: dt.datetime
    end: dt.datetime
    status: str
    member_ids: frozenset[str]
    deleted: bool = False

    @property
    def holds_time(self) -> bool:
        return not self.deleted and self.status not in INACTIVE


@dataclass(frozen=True)
class Clash:
    """A team member booked on `visit_id` and, at an overlapping time, on `other_visit_id`."""

    person_id: str
    visit_id: str | None
    other_visit_id: str
    other_start: dt.datetime
    other_end: dt.datetime


def overlaps(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime) -> bool:
    """Half-open intervals: a visit ending at 10:00 and one starting at 10:00 do not clash."""
    return a_start < b_end and b_start < a_end


def find_clashes(visit: VisitSlot, others: Iterable[VisitSlot]) -> list[Clash]:
    """Members of `visit` also booked on another live visit at an overlapping time."""
    if not visit.holds_time:
        return []
    clashes = []
    for other in sorted(others, key=lambda o: (o.start, o.visit_id or "")):
        if other.visit_id is None or other.visit_id == visit.visit_id or not other.holds_time:
            continue
        if not overlaps(visit.start, visit.end, other.start, other.end):
            continue
        for person_id in sorted(visit.member_ids & other.member_ids):
            clashes.append(Clash(person_id, visit.visit_id, other.visit_id, other.start, other.end))
    return clashes


def all_clashes(visits: Iterable[VisitSlot]) -> dict[str, list[Clash]]:
    """Clashes of every saved visit against all the others, keyed by visit id."""
    slots = [v for v in visits if v.visit_id is not None]
    return {str(v.visit_id): find_clashes(v, slots) for v in slots}


def saudi_week_start(day: dt.date) -> dt.date:
    """The Sunday on or before `day` (the Saudi working week runs Sunday to Saturday)."""
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)
