"""Bodies (entities the organisation works with: prisons, dialysis centres, ministry offices...)
and their agreements."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.identifiers import normalize_mobile
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
from fieldapp.store.models import Agreement, Body

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


@dataclass(frozen=True)
class AgreementInput:
    title: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str = "active"
    notes: str = ""


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
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes

    def status_label(self, lang: str | None = None) -> str:
        return agreement_status_label(self.effective_status, lang)


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


def _agreement_view(a: Agreement, today: dt.date) -> AgreementView:
    effective = a.status
    if a.status == "active" and a.end_date is not None and a.end_date < today:
        effective = "expired"
    return AgreementView(a.id, a.body_id, a.title, a.start_date, a.end_date, a.status, a.notes, effective)


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

    def list(self, type: str | None = None) -> list[BodyView]:
        query = select(Body).where(Body.deleted.is_(False))
        if type:
            query = query.where(Body.type == normalize_body_type(type))
        with self.reader() as session:
            return [_body_view(b) for b in session.scalars(query.order_by(Body.name))]

    def search(self, text: str, type: str | None = None, limit: int = 50) -> list[BodyView]:
        """Forgiving search: every typed word is the start of a word of the name (folded, with
        compound and article variants); a number also matches the contact phone."""
        tokens = query_tokens(text or "")
        if not tokens:
            return self.list(type)[:limit]
        conditions = []
        if looks_numeric(text):
            digits = digits_only(text).lstrip("0")
            conditions.append(Body.contact_phone.contains(digits, autoescape=True))
        padded = " " + Body.name_key
        conditions.append(and_(*[padded.contains(" " + t, autoescape=True) for t in tokens]))
        query = select(Body).where(Body.deleted.is_(False), or_(*conditions))
        if type:
            query = query.where(Body.type == normalize_body_type(type))
        # Names that start with the first word come first.
        starts = func.instr(padded, " " + tokens[0]) == 1
        query = query.order_by(starts.desc(), Body.name).limit(limit)
        with self.reader() as session:
            return [_body_view(b) for b in session.scalars(query)]

    # --- agreements -----------------------------------------------------------------------

    @staticmethod
    def _apply_agreement(a: Agreement, data: AgreementInput) -> None:
        if data.start_date and data.end_date and data.end_date < data.start_date:
            raise ValidationError(
                "agreements.dates", field="end_date", start=data.start_date, end=data.end_date
            )
        a.title = clean_name(data.title, field="title")
        a.start_date = data.start_date
        a.end_date = data.end_date
        a.status = normalize_agreement_status(data.status)
        a.notes = clean_text(data.notes)

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
        query = (
            select(Agreement)
            .where(Agreement.body_id == body_id, Agreement.deleted.is_(False))
            .order_by(Agreement.start_date.desc().nulls_last(), Agreement.title)
        )
        with self.reader() as session:
            return [_agreement_view(a, today) for a in session.scalars(query)]


def _get_body(session: Session, body_id: str) -> Body:
    body = session.get(Body, body_id)
    if body is None or body.deleted:
        raise NotFoundError("bodies.not_found", field="body_id")
    return body
