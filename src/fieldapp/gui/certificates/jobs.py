"""Work the certificates screen runs on the database thread (through ctx.runner.db), Qt-free."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fieldapp.certificates.render import RenderCancelled
from fieldapp.services import Changed, Services
from fieldapp.services.certificates import CertificateView, EligibleRow, IssuedCertificate, PrintLogRow
from fieldapp.services.events import EventView


@dataclass(frozen=True)
class EventsData:
    events: list[EventView]
    running_id: str | None  # the event running now, when no current event is chosen
    template_keys: list[str]
    default_template: str


@dataclass(frozen=True)
class EligibilityData:
    event: EventView
    rows: list[EligibleRow]


@dataclass(frozen=True)
class BatchOutcome:
    issued: list[IssuedCertificate]
    files: list[Path]
    cancelled: bool
    changed: Changed


def load_events(services: Services, at: dt.datetime | None = None) -> EventsData:
    running = services.events.running_now(at)
    return EventsData(
        events=services.events.list(),
        running_id=running.id if running is not None else None,
        template_keys=services.certificates.template_keys(),
        default_template=services.settings.get("certificates.default_template") or "attendance-ar",
    )


def load_eligibility(services: Services, event_id: str, min_hours: float | None) -> EligibilityData:
    return EligibilityData(services.events.get(event_id), services.certificates.eligible(event_id, min_hours))


def issue_and_render(
    services: Services,
    event_id: str,
    person_ids: list[str],
    template_key: str,
    min_hours: float | None,
    out: Path,
    per_person: bool,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BatchOutcome:
    """Issue (a person who holds one keeps its serial), then render. A cancel leaves no file;
    the certificates stay issued (a later batch prints them with the same serials)."""
    issued = services.certificates.issue(event_id, person_ids, template_key, min_hours)
    changed = Changed.of("certificates") if any(c.new for c in issued) else Changed()
    try:
        files = services.certificates.render(
            [c.id for c in issued], out, per_person=per_person, progress=progress, cancel=cancel, kind="pdf"
        )
    except RenderCancelled:
        return BatchOutcome(issued, [], True, changed)
    return BatchOutcome(issued, files, False, Changed.of("certificates"))


def render_for_print(
    services: Services, certificate_ids: list[str], out_dir: Path, kind: str, printer: str
) -> list[Path]:
    """One PDF of the certificates to put on paper; the service logs each as print/reprint."""
    return services.certificates.render(certificate_ids, out_dir, kind=kind, printer=printer)


def load_issued(services: Services, event_id: str | None) -> list[CertificateView]:
    return services.certificates.list(event_id)


def load_print_log(services: Services, event_id: str | None) -> list[PrintLogRow]:
    """The print log, newest first; only the event's certificates when an event is given."""
    rows = services.certificates.print_log()
    if event_id is not None:
        ids = {c.id for c in services.certificates.list(event_id)}
        rows = [r for r in rows if r.certificate_id in ids]
    return sorted(rows, key=lambda r: r.at, reverse=True)
