"""Bodies (entities the organisation works with: prisons, dialysis centres, ministry offices...)
and their agreements."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.identifiers import format_mobile_display, normalize_mobile
from fieldapp.core.permissions import require
from fieldapp.core.text import (
    clean_name,
    clean_text,
    digits_only,
    fold,
    looks_numeric,
    name_tokens,
    query_tokens,
)
from fieldapp.services.contract import Changed, Service, write
from fieldapp.store.models import (
    Agreement,
    Body,
    BodyMerge,
    Event,
    GiftType,
    Handover,
    Person,
    Visit,
    Void,
)

BODY_TYPES: dict[str, tuple[str, str]] = {
    "government": ("حكومية", "Government"),
    "security": ("أمنية", "Security"),
    "health": ("صحية", "Health"),
    "education": ("تعليمية", "Education"),
    "charity": ("خيرية", "Charity"),
    "private": ("خاصة", "Private"),
    "other": ("أخرى", "Other"),
}

AGREEMENT_STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("مسودة", "Draft"),
    "active": ("سارية", "Active"),
    "expired": ("منتهية", "Expired"),
    "cancelled": ("ملغاة", "Cancelled"),
}

i18n.register(
    {
        "bodies.type": (
            "نوع الجهة غير معروف: «{value}». الأنواع: حكومية، أمنية، صحية، تعليمية، خيرية، خاصة، أخرى.",
            "Unknown body type '{value}'. Use one of: government, security, health, education, "
            "charity, private, other.",
        ),
        "bodies.phone": (
            "رقم الهاتف «{value}» غير صحيح: اكتب جوالًا (05xxxxxxxx) أو هاتفًا ثابتًا من 7 إلى 15 رقمًا.",
            "The phone number '{value}' is not valid: enter a mobile (05xxxxxxxx) or a landline "
            "of 7 to 15 digits.",
        ),
        "bodies.not_found": ("الجهة غير موجودة.", "The body does not exist."),
        "agreements.not_found": ("الاتفاقية غير موجودة.", "The agreement does not exist."),
        "agreements.status": (
            "حالة الاتفاقية غير معروفة: «{value}». الحالات: مسودة، سارية، منتهية، ملغاة.",
            "Unknown agreement status '{value}'. Use one of: draft, active, expired, cancelled.",
        ),
        "agreements.reminder": (
            "أيام التذكير بالتجديد يجب أن تكون بين 1 و365.",
            "The renewal reminder must be between 1 and 365 days before the end.",
        ),
        "agreements.file_type": (
            "الملف «{name}» ليس PDF ولا صورة؛ أرفق نسخة الاتفاقية الموقعة بصيغة PDF أو صورة.",
            "The file '{name}' is neither a PDF nor an image; attach the signed copy as a PDF or an image.",
        ),
        "agreements.file_missing": (
            "الملف «{name}» غير موجود أو لا يمكن قراءته.",
            "The file '{name}' does not exist or cannot be read.",
        ),
        "agreements.no_file": (
            "لم تُرفق نسخة موقعة لهذه الاتفاقية على هذا الجهاز.",
            "No signed copy of this agreement is attached on this laptop.",
        ),
        "bodies.merge_same": ("لا يمكن دمج الجهة مع نفسها.", "A body cannot be merged with itself."),
        "agreements.dates": (
            "تاريخ نهاية الاتفاقية ({end}) قبل تاريخ بدايتها ({start}).",
            "The agreement ends ({end}) before it starts ({start}); the end must be on or after the start.",
        ),
    }
)

# Who may edit bodies and agreements: the coordinators who plan visits to them.
_EDIT = "visit.edit"


def _label(pairs: dict[str, tuple[str, str]], code: str, lang: str | None) -> str:
    arabic, english = pairs.get(code, (code, code))
    return arabic if (lang or i18n.language()) == "ar" else english


def body_type_label(code: str, lang: str | None = None) -> str:
    return _label(BODY_TYPES, code, lang)


def agreement_status_label(code: str, lang: str | None = None) -> str:
    return _label(AGREEMENT_STATUSES, code, lang)


def _code_from(value: str, pairs: dict[str, tuple[str, str]], key: str, field_name: str) -> str:
    """A code from its code, Arabic label or English label, typed any way."""
    folded = fold(value or "")
    for code, (arabic, english) in pairs.items():
        if folded in (code, fold(arabic), fold(english)):
            return code
    raise ValidationError(key, field=field_name, value=value)


def normalize_body_type(value: str) -> str:
    return _code_from(value, BODY_TYPES, "bodies.type", "type")


def normalize_agreement_status(value: str) -> str:
    return _code_from(value, AGREEMENT_STATUSES, "agreements.status", "status")


_LETTERS = re.compile(r"[^\W\d_]")


def normalize_phone(value: str | None) -> str | None:
    """A mobile in E.164; any other number (landline 012xxxxxxx, 800 numbers) as its digits.

    Forgiving: any digit script, spaces, dashes, brackets, a +966/00966 prefix on a landline
    (stored with its trunk 0 instead, as it is dialled locally).
    """
    text = clean_text(value)
    if not text:
        return None
    try:
        return normalize_mobile(text)
    except ValidationError:
        pass
    digits = digits_only(text)
    if _LETTERS.search(text) or not 7 <= len(digits) <= 15:
        raise ValidationError("bodies.phone", field="contact_phone", value=text)
    for prefix in ("00966", "966"):
        if digits.startswith(prefix) and len(digits) - len(prefix) in (8, 9):
            return "0" + digits[len(prefix) :].lstrip("0")
    return digits


def body_name_key(name: str, name_en: str | None = None) -> str:
    """Folded words plus compound/article variants (core.text.name_tokens), for prefix search."""
    tokens = name_tokens(name) + (name_tokens(name_en) if name_en else [])
    return " ".join(dict.fromkeys(tokens))


@dataclass(frozen=True)
class BodyInput:
    type: str
    name: str
    name_en: str | None = None
    city: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class BodyView:
    id: str
    type: str
    type_label_ar: str
    name: str
    name_en: str | None
    city: str | None
    contact_name: str | None
    contact_phone: str | None
    notes: str
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes

    def type_label(self, lang: str | None = None) -> str:
        return body_type_label(self.type, lang)

    @property
    def phone_display(self) -> str:
        """A mobile as +966 50 123 4567, a landline as its digits ('' when none)."""
        return format_mobile_display(self.contact_phone) if self.contact_phone else ""


@dataclass(frozen=True)
class AgreementInput:
    title: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str = "active"
    notes: str = ""
    signatory: str = ""  # who signed for the partner
    our_commitments: str = ""
    partner_commitments: str = ""
    reminder_days: int | None = 30  # None: no renewal reminder


@dataclass(frozen=True)
class AgreementView:
    id: str
    body_id: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    notes: str
    # What the screen should show: an "active" agreement whose end date has passed is expired.
    effective_status: str
    signatory: str = ""
    our_commitments: str = ""
    partner_commitments: str = ""
    reminder_days: int | None = None
    file_name: str | None = None
    days_left: int | None = None  # until the end date (negative: ended); None: no end date
    body_name: str = ""
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes

    def status_label(self, lang: str | None = None) -> str:
        return agreement_status_label(self.effective_status, lang)

    @property
    def reminder_due(self) -> bool:
        """A running agreement whose end is within its renewal reminder."""
        return (
            self.effective_status == "active"
            and self.reminder_days is not None
            and self.days_left is not None
            and 0 <= self.days_left <= self.reminder_days
        )


SIGNED_COPY_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff")
ENDING_SOON_DAYS = 30
NOT_VISITED_MONTHS = 6


@dataclass(frozen=True)
class HistoryVisit:
    id: str
    title: str
    planned_start: dt.datetime  # local
    status: str
    outcome: str


@dataclass(frozen=True)
class HistoryGift:
    id: str
    at: dt.datetime  # local
    gift_name: str
    unit: str
    quantity: int
    recipient: str  # the label (مدير السجن) or the person's name


@dataclass(frozen=True)
class HistoryEvent:
    id: str
    title: str
    starts_at: dt.datetime  # local
    place: str


@dataclass(frozen=True)
class BodyHistory:
    body: BodyView
    start: dt.date | None
    end: dt.date | None
    visits: list[HistoryVisit]
    gifts: list[HistoryGift]
    events: list[HistoryEvent]
    agreements: list[AgreementView]


@dataclass(frozen=True)
class QuietPartner:
    """A body with a running agreement that nobody visited lately."""

    body: BodyView
    last_visit: dt.datetime | None  # local; None: never visited


def _body_view(b: Body) -> BodyView:
    return BodyView(
        b.id,
        b.type,
        BODY_TYPES.get(b.type, (b.type, b.type))[0],
        b.name,
        b.name_en,
        b.city,
        b.contact_name,
        b.contact_phone,
        b.notes,
    )


def effective_status(status: str, end_date: dt.date | None, today: dt.date) -> str:
    """Expired is computed, never typed: an active (or typed "expired") agreement past its end."""
    if status in ("active", "expired") and end_date is not None:
        return "expired" if end_date < today else "active"
    return status


def _agreement_view(a: Agreement, today: dt.date, body_name: str = "") -> AgreementView:
    return AgreementView(
        a.id,
        a.body_id,
        a.title,
        a.start_date,
        a.end_date,
        a.status,
        a.notes,
        effective_status(a.status, a.end_date, today),
        a.signatory or "",
        a.our_commitments or "",
        a.partner_commitments or "",
        a.reminder_days,
        a.file_name,
        (a.end_date - today).days if a.end_date is not None else None,
        body_name,
    )


def _optional(value: str | None) -> str | None:
    return clean_text(value) or None


class BodiesService(Service):
    # --- bodies ---------------------------------------------------------------------------

    def _apply(self, b: Body, data: BodyInput) -> None:
        b.type = normalize_body_type(data.type)
        b.name = clean_name(data.name, field="name")
        b.name_en = clean_name(data.name_en, field="name_en") if clean_text(data.name_en) else None
        b.city = _optional(data.city)
        b.contact_name = (
            clean_name(data.contact_name, "contact_name") if clean_text(data.contact_name) else None
        )
        b.contact_phone = normalize_phone(data.contact_phone)
        b.notes = clean_text(data.notes)
        b.name_key = body_name_key(b.name, b.name_en)

    @write
    def create(self, data: BodyInput) -> BodyView:
        require(self.actor, _EDIT)
        body = Body()
        self._apply(body, data)
        with self.transaction() as session:
            session.add(body)
            session.flush()
            view = _body_view(body)
        return replace(view, changed=Changed.of("bodies"))

    @write
    def update(self, body_id: str, data: BodyInput) -> BodyView:
        require(self.actor, _EDIT)
        with self.transaction() as session:
            body = _get_body(session, body_id)
            self._apply(body, data)
            session.flush()
            view = _body_view(body)
        return replace(view, changed=Changed.of("bodies"))

    def get(self, body_id: str) -> BodyView:
        with self.reader() as session:
            return _body_view(_get_body(session, body_id))

    def list(self, type: str | None = None, city: str | None = None) -> list[BodyView]:
        query = _filtered(select(Body).where(Body.deleted.is_(False)), type, city)
        with self.reader() as session:
            return [_body_view(b) for b in session.scalars(query.order_by(Body.name))]

    def cities(self) -> list[str]:
        """The cities of the live bodies, for the city filter."""
        query = select(Body.city).where(Body.deleted.is_(False), Body.city.is_not(None)).distinct()
        with self.reader() as session:
            return sorted(c for c in session.scalars(query) if c)

    def search(
        self, text: str, type: str | None = None, limit: int = 50, city: str | None = None
    ) -> list[BodyView]:
        """Forgiving search: every typed word is the start of a word of the name (folded, with
        compound and article variants); a number also matches the contact phone."""
        tokens = query_tokens(text or "")
        if not tokens:
            return self.list(type, city)[:limit]
        conditions = []
        if looks_numeric(text):
            digits = digits_only(text).lstrip("0")
            conditions.append(Body.contact_phone.contains(digits, autoescape=True))
        padded = " " + Body.name_key
        conditions.append(and_(*[padded.contains(" " + t, autoescape=True) for t in tokens]))
        query = _filtered(select(Body).where(Body.deleted.is_(False), or_(*conditions)), type, city)
        # Names that start with the first word come first.
        starts = func.instr(padded, " " + tokens[0]) == 1
        query = query.order_by(starts.desc(), Body.name).limit(limit)
        with self.reader() as session:
            return [_body_view(b) for b in session.scalars(query)]

    @write
    def merge(self, loser_id: str, survivor_id: str) -> BodyView:
        """Two bodies that are one: the loser's agreements, visits and events move to the
        survivor, its blank fields are filled from the loser, the loser is tombstoned and a
        body_merge fact says so (hand-overs, facts that never change, are read through it)."""
        require(self.actor, "body.merge")
        if loser_id == survivor_id:
            raise ValidationError("bodies.merge_same", field="loser_id")
        with self.transaction() as session:
            loser, survivor = _get_body(session, loser_id), _get_body(session, survivor_id)
            for model in (Agreement, Visit, Event):
                for row in session.scalars(select(model).where(model.body_id == loser_id)):
                    row.body_id = survivor_id
            for name in ("name_en", "city", "contact_name", "contact_phone"):
                if not getattr(survivor, name) and getattr(loser, name):
                    setattr(survivor, name, getattr(loser, name))
            if loser.notes and loser.notes not in survivor.notes:
                survivor.notes = "\n".join(n for n in (survivor.notes, loser.notes) if n)
            survivor.name_key = body_name_key(survivor.name, survivor.name_en)
            loser.deleted = True
            session.add(
                BodyMerge(
                    loser_id=loser_id, survivor_id=survivor_id, at=dates.now(), user_name=self.actor.user_name
                )
            )
            session.flush()
            view = _body_view(survivor)
        return replace(view, changed=Changed.of("bodies", "visits", "events"))

    # --- agreements -----------------------------------------------------------------------

    @staticmethod
    def _apply_agreement(a: Agreement, data: AgreementInput) -> None:
        if data.start_date and data.end_date and data.end_date < data.start_date:
            raise ValidationError(
                "agreements.dates", field="end_date", start=data.start_date, end=data.end_date
            )
        if data.reminder_days is not None and not 1 <= data.reminder_days <= 365:
            raise ValidationError("agreements.reminder", field="reminder_days")
        a.title = clean_name(data.title, field="title")
        a.start_date = data.start_date
        a.end_date = data.end_date
        status = normalize_agreement_status(data.status)
        # Expired follows from the end date: typed with one, the agreement is active until then.
        a.status = "active" if status == "expired" and data.end_date else status
        a.notes = clean_text(data.notes)
        a.signatory = clean_name(data.signatory, "signatory") if clean_text(data.signatory) else ""
        a.our_commitments = clean_text(data.our_commitments)
        a.partner_commitments = clean_text(data.partner_commitments)
        a.reminder_days = data.reminder_days

    @write
    def add_agreement(self, body_id: str, data: AgreementInput) -> AgreementView:
        require(self.actor, _EDIT)
        agreement = Agreement(body_id=body_id)
        self._apply_agreement(agreement, data)
        with self.transaction() as session:
            _get_body(session, body_id)
            session.add(agreement)
            session.flush()
            view = _agreement_view(agreement, dates.local_now().date())
        return replace(view, changed=Changed.of("bodies"))

    @write
    def update_agreement(self, agreement_id: str, data: AgreementInput) -> AgreementView:
        require(self.actor, _EDIT)
        with self.transaction() as session:
            agreement = session.get(Agreement, agreement_id)
            if agreement is None or agreement.deleted:
                raise NotFoundError("agreements.not_found", field="agreement_id")
            self._apply_agreement(agreement, data)
            session.flush()
            view = _agreement_view(agreement, dates.local_now().date())
        return replace(view, changed=Changed.of("bodies"))

    def list_agreements(self, body_id: str) -> list[AgreementView]:
        today = dates.local_now().date()
        with self.reader() as session:
            ids = merged_ids(session, body_id)
            query = (
                select(Agreement)
                .where(Agreement.body_id.in_(ids), Agreement.deleted.is_(False))
                .order_by(Agreement.start_date.desc().nulls_last(), Agreement.title)
            )
            return [_agreement_view(a, today) for a in session.scalars(query)]

    def get_agreement(self, agreement_id: str) -> AgreementView:
        with self.reader() as session:
            return _agreement_view(_get_agreement(session, agreement_id), dates.local_now().date())

    # --- the signed copy --------------------------------------------------------------------

    @property
    def files_dir(self) -> Path:
        """Where signed copies are kept: the data folder's agreements/ (next to the database)."""
        return self.store.path.parent / "agreements"

    @write
    def attach_file(self, agreement_id: str, source: str | Path) -> AgreementView:
        """Copy the signed agreement (PDF or image) into the data folder and name it on the row."""
        require(self.actor, _EDIT)
        source = Path(source)
        suffix = source.suffix.lower()
        if suffix not in SIGNED_COPY_TYPES:
            raise ValidationError("agreements.file_type", field="file", name=source.name)
        if not source.is_file():
            raise ValidationError("agreements.file_missing", field="file", name=source.name)
        with self.transaction() as session:
            agreement = _get_agreement(session, agreement_id)
            self.files_dir.mkdir(parents=True, exist_ok=True)
            name = f"{agreement.id}{suffix}"
            try:
                shutil.copyfile(source, self.files_dir / name)
            except OSError as exc:
                raise ValidationError("agreements.file_missing", field="file", name=source.name) from exc
            agreement.file_name = name
            session.flush()
            view = _agreement_view(agreement, dates.local_now().date())
        return replace(view, changed=Changed.of("bodies"))

    def file_path(self, agreement_id: str) -> Path:
        """The signed copy on this laptop (agreements.no_file when it is not here)."""
        view = self.get_agreement(agreement_id)
        path = self.files_dir / view.file_name if view.file_name else None
        if path is None or not path.is_file():
            raise NotFoundError("agreements.no_file", field="file")
        return path

    # --- what we did with a body ------------------------------------------------------------

    def history(self, body_id: str, start: dt.date | None = None, end: dt.date | None = None) -> BodyHistory:
        """Visits, gifts (to the body or its people), events and agreements of a body, newest
        first; ``start``/``end`` (local dates, inclusive) limit the dated items."""
        today = dates.local_now().date()
        lo = _day_start(start) if start else None
        hi = _day_start(end + dt.timedelta(days=1)) if end else None

        def within(column):
            return and_(true(), *([column >= lo] if lo else []), *([column < hi] if hi else []))

        with self.reader() as session:
            body = _get_body(session, body_id)
            ids = merged_ids(session, body_id)
            visits = [
                HistoryVisit(v.id, v.title, dates.to_local(v.planned_start), v.status, v.outcome_notes)
                for v in session.scalars(
                    select(Visit)
                    .where(Visit.body_id.in_(ids), Visit.deleted.is_(False), within(Visit.planned_start))
                    .order_by(Visit.planned_start.desc())
                )
            ]
            visit_ids = select(Visit.id).where(Visit.body_id.in_(ids))
            voided = select(Void.target_id).where(Void.target_table == "handover", Void.deleted.is_(False))
            gift_rows = session.execute(
                select(Handover, GiftType.name, GiftType.unit, Person.full_name)
                .join(GiftType, GiftType.id == Handover.gift_type_id)
                .outerjoin(Person, Person.id == Handover.recipient_person_id)
                .where(
                    or_(Handover.recipient_body_id.in_(ids), Handover.visit_id.in_(visit_ids)),
                    Handover.deleted.is_(False),
                    Handover.id.not_in(voided),
                    within(Handover.at),
                )
                .order_by(Handover.at.desc())
            )
            gifts = [
                HistoryGift(
                    h.id, dates.to_local(h.at), gift, unit, h.quantity, h.recipient_label or person or ""
                )
                for h, gift, unit, person in gift_rows
            ]
            events = [
                HistoryEvent(e.id, e.title, dates.to_local(e.starts_at), e.place)
                for e in session.scalars(
                    select(Event)
                    .where(Event.body_id.in_(ids), Event.deleted.is_(False), within(Event.starts_at))
                    .order_by(Event.starts_at.desc())
                )
            ]
            agreements = [
                _agreement_view(a, today, body.name)
                for a in session.scalars(
                    select(Agreement)
                    .where(Agreement.body_id.in_(ids), Agreement.deleted.is_(False))
                    .order_by(Agreement.start_date.desc().nulls_last())
                )
            ]
            return BodyHistory(_body_view(body), start, end, visits, gifts, events, agreements)

    # --- the dashboard ----------------------------------------------------------------------

    def ending_soon(self, within_days: int = ENDING_SOON_DAYS) -> list[AgreementView]:
        """Running agreements that end within ``within_days`` days, soonest first."""
        today = dates.local_now().date()
        query = (
            select(Agreement, Body.name)
            .join(Body, Body.id == Agreement.body_id)
            .where(
                Agreement.deleted.is_(False),
                Body.deleted.is_(False),
                Agreement.status == "active",
                Agreement.end_date >= today,
                Agreement.end_date <= today + dt.timedelta(days=within_days),
            )
            .order_by(Agreement.end_date, Body.name)
        )
        with self.reader() as session:
            return [_agreement_view(a, today, name) for a, name in session.execute(query)]

    def not_visited(self, months: int = NOT_VISITED_MONTHS) -> list[QuietPartner]:
        """Bodies with a running agreement and no visit done in the last ``months`` months."""
        today = dates.local_now().date()
        since = _day_start(today - dt.timedelta(days=round(months * 30.44)))
        running = (
            select(Agreement.body_id)
            .where(
                Agreement.deleted.is_(False),
                Agreement.status == "active",
                or_(Agreement.end_date.is_(None), Agreement.end_date >= today),
            )
            .distinct()
        )
        with self.reader() as session:
            bodies = [
                _body_view(b)
                for b in session.scalars(
                    select(Body).where(Body.deleted.is_(False), Body.id.in_(running)).order_by(Body.name)
                )
            ]
            last_done = dict(
                session.execute(
                    select(Visit.body_id, func.max(Visit.planned_start))
                    .where(Visit.deleted.is_(False), Visit.status == "done")
                    .group_by(Visit.body_id)
                ).all()
            )
            merges = _merge_map(session)
        latest: dict[str, dt.datetime] = {}
        for visited_id, at in last_done.items():
            key = _survivor(merges, visited_id)
            latest[key] = max(latest.get(key, at), at)
        out = []
        for b in bodies:
            last = latest.get(b.id)
            if last is None or last < since:
                out.append(QuietPartner(b, dates.to_local(last) if last else None))
        return out


def _get_body(session: Session, body_id: str) -> Body:
    body = session.get(Body, body_id)
    if body is None or body.deleted:
        raise NotFoundError("bodies.not_found", field="body_id")
    return body


def _get_agreement(session: Session, agreement_id: str) -> Agreement:
    agreement = session.get(Agreement, agreement_id)
    if agreement is None or agreement.deleted:
        raise NotFoundError("agreements.not_found", field="agreement_id")
    return agreement


def _filtered(query, type: str | None, city: str | None):
    if type:
        query = query.where(Body.type == normalize_body_type(type))
    if city:
        query = query.where(Body.city == city)
    return query


def _merge_map(session: Session) -> dict[str, str]:
    """loser id -> survivor id, of every body merge."""
    rows = session.execute(
        select(BodyMerge.loser_id, BodyMerge.survivor_id).where(BodyMerge.deleted.is_(False))
    )
    return dict(rows.all())


def _survivor(merges: dict[str, str], body_id: str) -> str:
    seen = {body_id}
    while body_id in merges and merges[body_id] not in seen:
        body_id = merges[body_id]
        seen.add(body_id)
    return body_id


def merged_ids(session: Session, body_id: str) -> list[str]:
    """The body and every body merged into it (directly or through an earlier merge)."""
    merges = _merge_map(session)
    return [body_id, *(loser for loser in merges if loser != body_id and _survivor(merges, loser) == body_id)]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dates.APP_TZ)
