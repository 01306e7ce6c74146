"""People on the roster: validated create/update, duplicate checks, the paged roster table.

Everything typed or imported goes through `core.people.clean_person()` (also the roster import's), so
a name, national ID or mobile number is stored the same way whichever screen or file it came
from. A bad national-ID check digit is a warning only a supervisor may override; a volunteer
under 18 without a guardian's consent is stored but flagged (`PersonView.needs_consent`).
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldapp.core import i18n
from fieldapp.core.dates import local_now
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.identifiers import (
    ADULT_AGE,
    age_on,
    format_mobile_display,
    normalize_mobile,
    normalize_national_id,
)
from fieldapp.core.people import ChecksumWarning, CleanPerson, PersonInput, clean_person, is_blank
from fieldapp.core.permissions import Actor, require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import Person

i18n.register(
    {
        "person.duplicate_national_id": (
            "رقم الهوية {nid} مسجّل مسبقًا باسم «{name}»؛ افتح سجله بدل إضافة شخص جديد",
            "National ID {nid} is already on the roster as “{name}”; open that record instead of adding a new one",
        ),
        "person.duplicate_mobile": (
            "رقم الجوال {mobile} مسجّل مسبقًا باسم «{name}»؛ افتح سجله بدل إضافة شخص جديد",
            "Mobile {mobile} is already on the roster as “{name}”; open that record instead of adding a new one",
        ),
        "person.duplicate_badge": (
            "رمز البطاقة {badge} مستخدم مسبقًا لـ«{name}»؛ اختر رمزًا آخر",
            "Badge code {badge} is already used by “{name}”; choose another code",
        ),
        "person.not_found": (
            "لم يُعثر على الشخص المطلوب (ربما حُذف)",
            "The person was not found (it may have been deleted)",
        ),
    }
)

T = TypeVar("T")


@dataclass(frozen=True)
class PersonView:
    id: str
    full_name: str
    latin_name: str | None
    national_id: str | None
    mobile: str | None  # E.164
    mobile_display: str | None
    gender: str | None  # m|f
    birth_date: dt.date | None
    age: int | None
    needs_consent: bool  # under 18 without a guardian's consent
    guardian_consent: bool
    badge_code: str | None
    notes: str
    # Set on the views returned by writes (what the GUI refreshes); not part of equality.
    changed: Changed = field(default_factory=Changed, compare=False, repr=False)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


# --- views ------------------------------------------------------------------------------------

VIEW_COLUMNS = (
    Person.id,
    Person.full_name,
    Person.latin_name,
    Person.national_id,
    Person.mobile,
    Person.gender,
    Person.birth_date,
    Person.guardian_consent,
    Person.badge_code,
    Person.notes,
)


def view_from_row(row: Any, today: dt.date | None = None, changed: Changed | None = None) -> PersonView:
    """A PersonView from a Person or a row of VIEW_COLUMNS."""
    birth = row.birth_date
    age = None
    if birth is not None:
        today = today or local_now().date()
        age = age_on(birth, today) if birth <= today else None
    consent = bool(row.guardian_consent)
    return PersonView(
        id=row.id,
        full_name=row.full_name,
        latin_name=row.latin_name,
        national_id=row.national_id,
        mobile=row.mobile,
        mobile_display=format_mobile_display(row.mobile) if row.mobile else None,
        gender=row.gender,
        birth_date=birth,
        age=age,
        needs_consent=age is not None and age < ADULT_AGE and not consent,
        guardian_consent=consent,
        badge_code=row.badge_code,
        notes=row.notes or "",
        changed=changed or Changed(),
    )


_ORDERS = {
    "name": (Person.name_key, Person.id),
    "-name": (Person.name_key.desc(), Person.id.desc()),
    "recent": (Person.created_hlc.desc(), Person.id.desc()),
    "national_id": (Person.national_id, Person.id),
}


class PeopleService(Service):
    # --- reads -----------------------------------------------------------------------------

    def get(self, person_id: str) -> PersonView:
        with self.reader() as session:
            row = session.execute(
                select(*VIEW_COLUMNS).where(Person.id == person_id, Person.deleted.is_(False))
            ).first()
        if row is None:
            raise NotFoundError("person.not_found", id=person_id)
        return view_from_row(row)

    def count(self) -> int:
        with self.reader() as session:
            return (
                session.scalar(select(func.count()).select_from(Person).where(Person.deleted.is_(False))) or 0
            )

    def list(self, page: int = 1, page_size: int = 100, order: str = "name") -> Page[PersonView]:
        """One page of the roster table (pages count from 1), with the total for the pager."""
        if order not in _ORDERS:
            raise ValueError(f"unknown order {order!r}; one of {sorted(_ORDERS)}")
        page, page_size = max(1, page), max(1, page_size)
        today = local_now().date()
        with self.reader() as session:
            total = (
                session.scalar(select(func.count()).select_from(Person).where(Person.deleted.is_(False))) or 0
            )
            rows = session.execute(
                select(*VIEW_COLUMNS)
                .where(Person.deleted.is_(False))
                .order_by(*_ORDERS[order])
                .limit(page_size)
                .offset((page - 1) * page_size)
            ).all()
        return Page([view_from_row(row, today) for row in rows], total, page, page_size)

    def find_duplicates(
        self, national_id: str | None, mobile: str | None, exclude_id: str | None = None
    ) -> builtins.list[PersonView]:
        """People already on the roster with this national ID or mobile (any written form)."""
        with self.reader() as session:
            return duplicates_in(session, national_id, mobile, exclude_id)

    # --- writes ----------------------------------------------------------------------------

    @write
    def create(self, inp: PersonInput, override_checksum: bool = False, walk_in: bool = False) -> PersonView:
        """Add a person (a walk-in at the desk needs 'walk_in'; the roster screen 'roster.edit')."""
        require(self.actor, "walk_in" if walk_in else "roster.edit")
        person = validated_person(self.actor, inp, override_checksum)
        with self.transaction() as session:
            row = insert_person(session, person)
            return view_from_row(row, changed=Changed.of("people"))

    @write
    def update(self, person_id: str, inp: PersonInput, override_checksum: bool = False) -> PersonView:
        """Replace a person's fields with the form's; only the fields that differ are written."""
        require(self.actor, "roster.edit")
        person = validated_person(self.actor, inp, override_checksum)
        with self.transaction() as session:
            row = _live_person(session, person_id)
            check_duplicates(session, person, person_id)
            changed = False
            for key, value in person.columns().items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    changed = True
            session.flush()
            return view_from_row(row, changed=Changed.of("people") if changed else Changed())

    @write
    def delete(self, person_id: str) -> Done:
        """Take a person off the roster (a tombstone: synced rows are never deleted)."""
        require(self.actor, "roster.edit")
        with self.transaction() as session:
            _live_person(session, person_id).deleted = True
        return Done(Changed.of("people"))


# --- the single steps (on an open session), shared with the composite use cases ---------------


def validated_person(actor: Actor, inp: PersonInput, override_checksum: bool) -> CleanPerson:
    """The cleaned person, or its first error; a bad national-ID check digit passes only when a
    supervisor (or above) overrides it."""
    person, errors = clean_person(inp)
    if errors:
        raise errors[0]
    assert person is not None
    if not person.checksum_ok:
        if not override_checksum:
            raise ChecksumWarning("national_id.checksum", field="national_id", nid=person.national_id)
        require(actor, "checksum.override")
    return person


def insert_person(session: Session, person: CleanPerson) -> Person:
    """Add a cleaned person in an open unit of work, refusing a national ID, mobile or badge
    already on the roster (PeopleService.create and the desk's walk-in)."""
    check_duplicates(session, person, None)
    row = Person(**person.columns())
    session.add(row)
    session.flush()
    return row


def check_duplicates(session: Session, person: CleanPerson, own_id: str | None) -> None:
    """Raise person.duplicate_* naming whoever already has this national ID, mobile or badge."""
    checks = [
        (Person.national_id, person.national_id, "person.duplicate_national_id", "national_id", "nid"),
        (Person.mobile, person.mobile, "person.duplicate_mobile", "mobile", "mobile"),
        (Person.badge_code, person.badge_code, "person.duplicate_badge", "badge_code", "badge"),
    ]
    for column, value, key, field_name, param in checks:
        if value is None:
            continue
        query = select(Person.full_name).where(column == value, Person.deleted.is_(False))
        if own_id:
            query = query.where(Person.id != own_id)
        name = session.scalar(query.limit(1))
        if name is not None:
            shown = format_mobile_display(value) if param == "mobile" else value
            raise ValidationError(key, field=field_name, name=name, **{param: shown})


def duplicates_in(
    session: Session, national_id: str | None, mobile: str | None, exclude_id: str | None = None
) -> list[PersonView]:
    """People on the roster with this national ID or mobile (any written form), by name."""
    conditions = []
    nid = _loose(normalize_national_id, national_id)
    mob = _loose(normalize_mobile, mobile)
    if nid:
        conditions.append(Person.national_id == nid)
    if mob:
        conditions.append(Person.mobile == mob)
    if not conditions:
        return []
    query = select(*VIEW_COLUMNS).where(Person.deleted.is_(False), or_(*conditions))
    if exclude_id:
        query = query.where(Person.id != exclude_id)
    rows = session.execute(query.order_by(Person.name_key)).all()
    return [view_from_row(row) for row in rows]


def _live_person(session: Session, person_id: str) -> Person:
    row = session.get(Person, person_id)
    if row is None or row.deleted:
        raise NotFoundError("person.not_found", id=person_id)
    return row


def _loose(normalize: Any, value: str | None) -> str | None:
    if is_blank(value):
        return None
    try:
        return normalize(value)
    except ValidationError:
        return None


__all__ = [
    "VIEW_COLUMNS",
    "ChecksumWarning",
    "Page",
    "PeopleService",
    "PersonInput",
    "PersonView",
    "check_duplicates",
    "duplicates_in",
    "insert_person",
    "validated_person",
    "view_from_row",
]
