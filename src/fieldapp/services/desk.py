"""The check-in desk's use cases: one service call per coordinator action (Qt-free).

- `submit`: Enter in the scan field. A scanned or typed code checks in or out at once; otherwise
  a typed name with exactly one strong match is scanned; several matches ask to choose.
- `walk_in`: someone not on the roster. Validate (every error at once), check for duplicates,
  then create the person, register them for the event and check them in: ONE transaction, so a
  failure at any step (a refused check-in included) leaves no person, registration or scan.
- `event_choices`: the events a desk may scan for, and the one to open on.

Each write is built from the single steps (people.insert_person, events.register_in,
attendance.scanning.record_scan) on the one open session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.attendance import EventRules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import PersonInput, clean_person
from fieldapp.core.permissions import require
from fieldapp.services.attendance.queries import load_rules
from fieldapp.services.attendance.results import ScanResult
from fieldapp.services.attendance.scanning import (
    Scannee,
    not_found,
    record_scan,
    resolve,
    scannee_by_id,
    scannee_of,
)
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.events import EventView, register_in
from fieldapp.services.people import PersonView, duplicates_in, insert_person, view_from_row
from fieldapp.services.search import SearchHit

i18n.register(
    {
        "desk.walk_in_refused": (
            "لم يُحفظ الحضور الجديد ولم يُسجَّل شيء، لأن تسجيل الدخول رُفض: {reason}",
            "The walk-in was not saved (nothing was recorded) because the check-in was refused: {reason}",
        ),
    }
)

#: a hit this good is "the one" when Enter is pressed on a typed name
STRONG_MATCHES = frozenset({"badge", "national_id", "mobile", "name_exact"})
#: events that ended within this time are still offered (late check-outs, the scan window is 12 h)
RECENT_END = dt.timedelta(hours=12)


@dataclass(frozen=True)
class SubmitOutcome:
    """The answer to an Enter in the scan field: a scan result, or hits to choose from."""

    result: ScanResult | None = None
    hits: tuple[SearchHit, ...] = ()
    must_choose: bool = False  # several candidates: keep the list open
    changed: Changed = field(default_factory=Changed)


@dataclass(frozen=True)
class EventChoice:
    events: tuple[EventView, ...]
    selected_id: str | None


@dataclass(frozen=True)
class WalkInOutcome:
    """`errors` (inline, per field) / `duplicates` (already on the roster) / a saved person + scan."""

    errors: tuple[ValidationError, ...] = ()
    checksum_warning: bool = False
    duplicates: tuple[PersonView, ...] = ()
    person: PersonView | None = None
    result: ScanResult | None = None
    changed: Changed = field(default_factory=Changed)


class WalkInRefused(ValidationError):
    """The walk-in's check-in was refused by the event's rules: the whole walk-in was rolled back."""

    def __init__(self, result: ScanResult) -> None:
        self.result = result
        super().__init__("desk.walk_in_refused", reason=result.text)


class DeskService(Service):
    @write
    def submit(self, event_id: str, text: str, limit: int = 20) -> SubmitOutcome:
        """A scanned/typed code checks in or out at once; otherwise a typed name that has exactly one
        strong match is scanned; several matches ask the coordinator to choose."""
        require(self.actor, "scan")
        with self.transaction() as session:
            at = dates.now()  # under the write lock: a scan another process just saved is before it
            rules = load_rules(session, event_id)
            who = resolve(session, text, self.services.search.resolve_code)
            if who is not None:
                result = self._scan(session, rules, event_id, who, "scanner", at)
                return SubmitOutcome(result=result, changed=result.changed)
            hits = tuple(self.services.search.find(text, limit=limit, event_id=event_id))
            strong = [hit for hit in hits if hit.match in STRONG_MATCHES]
            chosen = scannee_by_id(session, strong[0].person.id) if len(strong) == 1 else None
            if chosen is not None:
                result = self._scan(session, rules, event_id, chosen, "search", at)
                return SubmitOutcome(result=result, hits=hits, changed=result.changed)
        if hits:
            return SubmitOutcome(hits=hits, must_choose=True)
        return SubmitOutcome(result=not_found(text, at))

    @write
    def walk_in(
        self,
        event_id: str,
        inp: PersonInput,
        override_checksum: bool = False,
        ignore_duplicates: bool = False,
    ) -> WalkInOutcome:
        """Validate (every error at once), check for duplicates, then save, register and check in,
        all in one transaction: a failure at any step saves nothing (WalkInRefused when the
        event's rules refuse the check-in)."""
        actor = self.actor
        require(actor, "walk_in")
        person, errors = clean_person(inp)
        if errors:
            return WalkInOutcome(errors=tuple(errors))
        assert person is not None
        if not person.checksum_ok:
            if not override_checksum:
                warning = ValidationError("national_id.checksum", field="national_id", nid=person.national_id)
                return WalkInOutcome(errors=(warning,), checksum_warning=True)
            require(actor, "checksum.override")
        with self.transaction() as session:
            at = dates.now()  # under the write lock: a scan another process just saved is before it
            if not ignore_duplicates:
                duplicates = duplicates_in(session, person.national_id, person.mobile)
                if duplicates:
                    return WalkInOutcome(duplicates=tuple(duplicates))
            row = insert_person(session, person)
            register_in(session, event_id, [row.id], "walk_in")
            session.flush()
            result = self._scan(
                session, load_rules(session, event_id), event_id, scannee_of(row), "walk_in", at
            )
            if not result.accepted:
                raise WalkInRefused(result)  # rolls back the person and the registration
            saved = view_from_row(row)
        return WalkInOutcome(
            person=saved, result=result, changed=Changed.of("people", "events", "registrations", "scans")
        )

    def _scan(
        self, session: Session, rules: EventRules, event_id: str, who: Scannee, method: str, at: dt.datetime
    ) -> ScanResult:
        """The check-in/out step in this write's transaction, the direction decided by the rules."""
        return record_scan(
            session,
            rules,
            event_id,
            who,
            method=method,
            direction=None,
            at=at,
            user_name=self.actor.user_name,
            device_id=self.store.device_id,
        )

    def event_choices(self, wanted_id: str | None) -> EventChoice:
        """Events a desk can scan for (not ended more than 12 h ago), and the one to select:
        `wanted_id` if it exists, else the one running now (or next today)."""
        events_service = self.services.events
        now = dates.now()
        events = [e for e in events_service.list(include_past=True) if e.ends_at >= now - RECENT_END]
        ids = {e.id for e in events}
        selected = None
        if wanted_id:
            if wanted_id not in ids:
                try:
                    events.append(events_service.get(wanted_id))
                    ids.add(wanted_id)
                except NotFoundError:  # deleted meanwhile: fall back to the event running now
                    pass
            if wanted_id in ids:
                selected = wanted_id
        if selected is None:
            running = events_service.running_now()
            if running is not None:
                if running.id not in ids:
                    events.append(running)
                selected = running.id
        events.sort(key=lambda e: (e.starts_at, e.id))
        return EventChoice(tuple(events), selected)


__all__ = [
    "RECENT_END",
    "STRONG_MATCHES",
    "DeskService",
    "EventChoice",
    "SubmitOutcome",
    "WalkInOutcome",
    "WalkInRefused",
]
