"""What the desk asks of the services, one runner task per user action (these run on the DB thread).

Kept free of Qt so each composite step (try the code, else search; create + register + check in)
is one task on the database thread: the screen gets one answer per Enter, never a chain of
round trips through the event loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fieldapp.core import dates
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import PersonInput, clean_person
from fieldapp.services import Services
from fieldapp.services.attendance import DeskSummary, ScanResult
from fieldapp.services.events import EventView
from fieldapp.services.people import PersonView
from fieldapp.services.search import SearchHit

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


def submit(services: Services, event_id: str, text: str, limit: int = 20) -> SubmitOutcome:
    """A scanned/typed code checks in or out at once; otherwise a typed name that has exactly one
    strong match is chosen; several matches ask the coordinator to choose."""
    result = services.attendance.scan(event_id, text, method="scanner")
    if result.status != "not_found":
        return SubmitOutcome(result=result)
    hits = services.search.find(text, limit=limit, event_id=event_id)
    strong = [hit for hit in hits if hit.match in STRONG_MATCHES]
    if len(strong) == 1:
        chosen = services.attendance.scan(event_id, strong[0].person.id, method="search")
        return SubmitOutcome(result=chosen, hits=tuple(hits))
    if hits:
        return SubmitOutcome(hits=tuple(hits), must_choose=True)
    return SubmitOutcome(result=result)


def scan_person(services: Services, event_id: str, person_id: str, method: str = "search") -> ScanResult:
    return services.attendance.scan(event_id, person_id, method=method)


def snapshot(services: Services, event_id: str, recent: int = 10) -> DeskSummary:
    return services.attendance.desk_summary(event_id, recent=recent)


@dataclass(frozen=True)
class EventChoice:
    events: tuple[EventView, ...]
    selected_id: str | None


def event_choices(services: Services, wanted_id: str | None) -> EventChoice:
    """Events a desk can scan for (not ended more than 12 h ago), and the one to select:
    `wanted_id` if it exists, else the one running now (or next today)."""
    now = dates.now()
    events = [e for e in services.events.list(include_past=True) if e.ends_at >= now - RECENT_END]
    ids = {e.id for e in events}
    selected = None
    if wanted_id:
        if wanted_id not in ids:
            try:
                events.append(services.events.get(wanted_id))
                ids.add(wanted_id)
            except NotFoundError:  # deleted meanwhile: fall back to the event running now
                pass
        if wanted_id in ids:
            selected = wanted_id
    if selected is None:
        running = services.events.running_now()
        if running is not None:
            if running.id not in ids:
                events.append(running)
            selected = running.id
    events.sort(key=lambda e: (e.starts_at, e.id))
    return EventChoice(tuple(events), selected)


@dataclass(frozen=True)
class WalkInOutcome:
    """`errors` (inline, per field) / `duplicates` (already on the roster) / a saved person + scan."""

    errors: tuple[ValidationError, ...] = ()
    checksum_warning: bool = False
    duplicates: tuple[PersonView, ...] = ()
    person: PersonView | None = None
    result: ScanResult | None = None
    changed_topics: frozenset[str] = field(default_factory=frozenset)


def register_walk_in(
    services: Services,
    event_id: str,
    inp: PersonInput,
    override_checksum: bool = False,
    ignore_duplicates: bool = False,
) -> WalkInOutcome:
    """Validate (every error at once), check for duplicates, then save, register and check in."""
    person, errors = clean_person(inp)
    if errors:
        return WalkInOutcome(errors=tuple(errors))
    assert person is not None
    if not person.checksum_ok and not override_checksum:
        warning = ValidationError("national_id.checksum", field="national_id", nid=person.national_id)
        return WalkInOutcome(errors=(warning,), checksum_warning=True)
    if not ignore_duplicates:
        duplicates = services.people.find_duplicates(person.national_id, person.mobile)
        if duplicates:
            return WalkInOutcome(duplicates=tuple(duplicates))
    saved = services.people.create(inp, override_checksum=override_checksum, walk_in=True)
    services.events.register(event_id, saved.id, "walk_in")
    result = services.attendance.scan(event_id, saved.id, method="walk_in")
    return WalkInOutcome(person=saved, result=result, changed_topics=frozenset({"people", "events", "scans"}))
