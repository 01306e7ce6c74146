"""Rendering and the print log: certificates to PDF, every print logged as a CertificatePrint fact.

A reprint keeps the serial and the signed QR; a certificate printed on paper before is logged as
"reprint". The composite writes live here too: the batch of the issue tab (issue, then render)
and the desk's "print this person's certificate" are each ONE unit of work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.certificates.qr import qr_text
from fieldapp.certificates.render import CertificateData, RenderCancelled, render_certificates
from fieldapp.certificates.templates import CertificateTemplate
from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.certificates.common import TOPIC, chunks, payload_names, void_reasons
from fieldapp.services.certificates.issuing import IssuedBatch
from fieldapp.services.contract import Changed, Service, write
from fieldapp.store.models import Body, Certificate, CertificatePrint, Event, Person

i18n.register(
    {
        "certificate.voided_print": (
            "الشهادة {serial} ملغاة ولا تُطبع؛ أصدر شهادة جديدة إن لزم.",
            "Certificate {serial} is voided and cannot be printed; issue a new one if needed.",
        ),
        "certificate.name_changed": (
            "تغيّر اسم صاحب الشهادة {serial} بعد إصدارها، فلن يطابق رمز التحقق الاسم المطبوع؛ "
            "ألغِ الشهادة وأصدر شهادة جديدة.",
            "The holder's name changed after certificate {serial} was issued, so its QR would not "
            "match the printed name; void it and issue a new one.",
        ),
        "certificate.print_kind": (
            "نوع الطباعة «{value}» غير معروف؛ المتاح: print أو reprint أو pdf.",
            "Unknown print kind '{value}'; use print, reprint or pdf.",
        ),
        "certificate.nothing": ("لم تُختر أي شهادة.", "No certificate was selected."),
    }
)

PRINT_KINDS = ("print", "reprint", "pdf")
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintLogRow:
    certificate_id: str
    serial: str
    full_name: str
    at: dt.datetime
    user_name: str
    kind: str
    printer: str


@dataclass(frozen=True)
class Rendered(Sequence[Path]):
    """The files `render` wrote (it is a sequence of them), and what changed (the print log)."""

    files: tuple[Path, ...] = ()
    changed: Changed = field(default_factory=Changed)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Path, ...]: ...
    def __getitem__(self, index: int | slice) -> Path | tuple[Path, ...]:
        return self.files[index]

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Path]:
        return iter(self.files)


@dataclass(frozen=True)
class BatchResult:
    """The issue tab's batch: what was issued, the files written, whether the user cancelled."""

    issued: IssuedBatch
    files: tuple[Path, ...]
    cancelled: bool  # no file was written; the certificates stay issued (same serials later)
    changed: Changed = field(default_factory=Changed)


@dataclass(frozen=True)
class PersonCertificate:
    """The desk's one certificate: issued (or kept) and rendered, logged as printed."""

    path: Path
    certificate_id: str
    serial: str
    new: bool
    changed: Changed = field(default_factory=Changed)


# --- the job ----------------------------------------------------------------------------------


class Printing(Service):
    """Rendering, the print log and the issue-and-print use cases (a part of CertificatesService)."""

    @write
    def render(
        self,
        certificate_ids: Iterable[str],
        out_path_or_dir: str | Path,
        per_person: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        kind: str = "pdf",
        printer: str = "",
    ) -> Rendered:
        """Render certificates to PDF (one file, or one per person) and log each print.

        A certificate printed before is logged as "reprint" (same serial, same QR). Voided
        certificates are refused. On cancel nothing is written or logged (RenderCancelled).
        """
        require(self.actor, "certificate.print")
        _check_kind(kind)
        ids = list(dict.fromkeys(certificate_ids))
        if not ids:
            raise ValidationError("certificate.nothing", field="certificate_ids")
        with self.reader() as session:
            items, org_name = self._render_data(session, ids)
        files = self._write_files(items, org_name, Path(out_path_or_dir), per_person, progress, cancel)
        with self.transaction() as session:
            self._log_prints_in(session, ids, kind, printer)
        return Rendered(tuple(files), Changed.of(TOPIC))

    @write
    def issue_and_render(
        self,
        event_id: str,
        person_ids: Iterable[str],
        out_path_or_dir: str | Path,
        template_key: str | None = None,
        min_hours: float | None = None,
        per_person: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> BatchResult:
        """The issue tab's batch, in one unit of work: issue (a person who holds one keeps its
        serial), render to PDF, log the exports. A cancel leaves no file and logs nothing; the
        certificates stay issued (a later batch prints them with the same serials). Any other
        failure leaves nothing at all."""
        plan = self._plan_issue(event_id, person_ids, template_key, min_hours, None)
        with self.transaction() as session:
            issued = self._issue_in(session, plan)
            try:
                files = self._render_and_log_in(
                    session, issued, Path(out_path_or_dir), per_person, progress, cancel, "pdf", ""
                )
            except RenderCancelled:
                return BatchResult(issued, (), True, issued.changed)
        return BatchResult(issued, tuple(files), False, Changed.of(TOPIC))

    @write
    def issue_and_render_for_person(
        self,
        event_id: str,
        person_id: str,
        out_dir: str | Path,
        template_key: str | None = None,
        kind: str = "pdf",
        printer: str = "",
    ) -> PersonCertificate:
        """The desk's "print this person's certificate" right after check-out: issue (or keep)
        it and render it to one PDF logged as `kind`, in one unit of work."""
        _check_kind(kind)
        plan = self._plan_issue(event_id, [person_id], template_key, None, None)
        with self.transaction() as session:
            issued = self._issue_in(session, plan)
            (path,) = self._render_and_log_in(session, issued, Path(out_dir), True, None, None, kind, printer)
        (cert,) = issued
        return PersonCertificate(path, cert.id, cert.serial, cert.new, Changed.of(TOPIC))

    def print_log(self, certificate_id: str | None = None, event_id: str | None = None) -> list[PrintLogRow]:
        """Every print, oldest first: of one certificate, of one event's certificates, or all."""
        query = (
            select(
                CertificatePrint.certificate_id,
                Certificate.serial,
                Person.full_name,
                CertificatePrint.at,
                CertificatePrint.user_name,
                CertificatePrint.kind,
                CertificatePrint.printer,
            )
            .join(Certificate, Certificate.id == CertificatePrint.certificate_id)
            .join(Person, Person.id == Certificate.person_id)
            .where(CertificatePrint.deleted.is_(False))
            .order_by(CertificatePrint.at, CertificatePrint.id)
        )
        if certificate_id is not None:
            query = query.where(CertificatePrint.certificate_id == certificate_id)
        if event_id is not None:
            query = query.where(Certificate.event_id == event_id)
        with self.reader() as session:
            return [PrintLogRow(*row) for row in session.execute(query)]

    # --- steps ----------------------------------------------------------------------------------

    def _render_and_log_in(
        self,
        session: Session,
        issued: IssuedBatch,
        out: Path,
        per_person: bool,
        progress: Progress | None,
        cancel: Cancel | None,
        kind: str,
        printer: str,
    ) -> list[Path]:
        """Render what was just issued in `session` (it sees the new rows), then log the prints."""
        ids = [c.id for c in issued]
        if not ids:
            raise ValidationError("certificate.nothing", field="certificate_ids")
        items, org_name = self._render_data(session, ids)
        files = self._write_files(items, org_name, out, per_person, progress, cancel)
        self._log_prints_in(session, ids, kind, printer)
        return files

    def _write_files(
        self,
        items: list[CertificateData],
        org_name: str,
        out: Path,
        per_person: bool,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> list[Path]:
        """One PDF, or one per person; on cancel every file begun is removed (RenderCancelled)."""
        templates = self._templates()
        digits = self.services.settings.get("ui.digits")

        def template_for(key: str) -> CertificateTemplate:
            return templates.get(key) or self.template(key)

        written: list[Path] = []
        try:
            if per_person:
                out.mkdir(parents=True, exist_ok=True)
                for n, data in enumerate(items):
                    path = out / _file_name(data.serial, data.full_name)
                    written.append(path)
                    render_certificates(
                        [data], template_for, path, cancel=cancel, org_name=org_name, digits=digits
                    )
                    if progress is not None:
                        progress(n + 1, len(items))
            else:
                if out.is_dir() or not out.suffix:
                    out.mkdir(parents=True, exist_ok=True)
                    out = out / _batch_name(items)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                written.append(out)
                render_certificates(
                    items,
                    template_for,
                    out,
                    progress=progress,
                    cancel=cancel,
                    org_name=org_name,
                    digits=digits,
                )
        except RenderCancelled:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return written

    def _render_data(self, session: Session, ids: list[str]) -> tuple[list[CertificateData], str]:
        """What each certificate prints, in the order of `ids` (refusing voided or renamed ones),
        and the organisation's name as the first certificate's language writes it."""
        templates = self._templates()
        org_names = {lang: self._organisation(lang)[0] for lang in ("ar", "en")}
        query = (
            select(
                Certificate.id,
                Certificate.serial,
                Certificate.hours,
                Certificate.issued_at,
                Certificate.template_key,
                Certificate.payload,
                Person.full_name,
                Person.latin_name,
                Person.national_id,
                Person.gender,
                Event.title,
                Event.place,
                Event.starts_at,
                Body.name.label("body_name"),
            )
            .join(Person, Person.id == Certificate.person_id)
            .join(Event, Event.id == Certificate.event_id)
            .outerjoin(Body, Body.id == Event.body_id)
            .where(Certificate.deleted.is_(False))
        )
        rows: dict[str, Any] = {}
        for chunk in chunks(ids):
            rows.update({row.id: row for row in session.execute(query.where(Certificate.id.in_(chunk)))})
        voids = void_reasons(session, ids)
        branding = self._branding()
        verify_address = self.services.settings.get("certificates.verify_address")
        items, org_name = [], ""
        for cid in ids:
            row = rows.get(cid)
            if row is None:
                raise NotFoundError("certificate.not_found", field="certificate_ids", id=cid)
            if cid in voids:
                raise ValidationError("certificate.voided_print", field="certificate_ids", serial=row.serial)
            # The QR binds the name at issue time: a changed name would print a code that fails.
            if not payload_names(row.payload, row.full_name):
                raise ValidationError("certificate.name_changed", field="certificate_ids", serial=row.serial)
            template = templates.get(row.template_key)
            org_name = org_name or org_names[template.lang if template is not None else "ar"]
            items.append(
                CertificateData(
                    serial=row.serial,
                    full_name=row.full_name,
                    latin_name=row.latin_name,
                    national_id=row.national_id,
                    gender=row.gender,
                    event_title=row.title,
                    body_name=org_names[template.lang if template is not None else "ar"],
                    place=row.place or row.body_name or "—",
                    hours=row.hours,
                    issue_date=dates.to_local(row.issued_at).date(),
                    event_date=dates.to_local(row.starts_at).date(),
                    template_key=row.template_key,
                    qr_payload=qr_text(row.payload, verify_address),
                    **branding,
                )
            )
        return items, org_name

    def _log_prints_in(self, session: Session, ids: list[str], kind: str, printer: str) -> None:
        user = self.actor.user_name
        now = dates.now()
        printed: set[str] = set()
        for chunk in chunks(ids):
            printed.update(
                session.scalars(
                    select(CertificatePrint.certificate_id).where(
                        CertificatePrint.certificate_id.in_(chunk),
                        CertificatePrint.kind.in_(("print", "reprint")),  # a PDF export is not paper
                        CertificatePrint.deleted.is_(False),
                    )
                )
            )
        for cid in ids:
            session.add(
                CertificatePrint(
                    certificate_id=cid,
                    at=now,
                    user_name=user,
                    kind="reprint" if kind != "pdf" and cid in printed else kind,
                    printer=printer,
                )
            )


def _check_kind(kind: str) -> None:
    if kind not in PRINT_KINDS:
        raise ValidationError("certificate.print_kind", field="kind", value=kind)


def _file_name(serial: str, full_name: str) -> str:
    name = _UNSAFE_FILE_CHARS.sub("", full_name).strip().replace(" ", "_")[:60]
    return f"{serial}_{name}.pdf" if name else f"{serial}.pdf"


def _batch_name(items: list[CertificateData]) -> str:
    stamp = dates.local_now().strftime("%Y%m%d-%H%M%S")
    return f"certificates-{items[0].event_date.isoformat()}-{stamp}.pdf"
