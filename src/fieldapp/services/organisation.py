"""The organisation this laptop works for (one row): its name and the short code in certificate serials."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.text import clean_name, clean_text
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import Organisation

i18n.register(
    {
        "setup.short_code": (
            "الرمز المختصر من 2 إلى 8 أحرف لاتينية أو أرقام، مثل TAIF؛ يظهر في أرقام الشهادات.",
            "The short code must be 2 to 8 Latin letters or digits, such as TAIF; it appears in certificate numbers.",
        ),
        "organisation.exists": (
            "الجهة مُعرَّفة من قبل على هذا الجهاز: {name}.",
            "The organisation is already set up on this laptop: {name}.",
        ),
    }
)


@dataclass(frozen=True)
class OrganisationView:
    id: str
    name: str
    name_en: str | None
    short_code: str
    city: str | None
    changed: Changed = field(default=Changed(), compare=False)


SETTINGS = Changed.of("settings")


def _view(org: Organisation, changed: Changed = Changed()) -> OrganisationView:
    return OrganisationView(org.id, org.name, org.name_en, org.short_code, org.city, changed)


def clean_short_code(value: str) -> str:
    code = value.strip().upper()
    if not (2 <= len(code) <= 8 and code.isascii() and code.isalnum()):
        raise ValidationError("setup.short_code", field="short_code")
    return code


def _current(session: Session) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.deleted.is_(False)).limit(1))


def create_organisation_in(
    session: Session, name: str, short_code: str, city: str = "", name_en: str | None = None
) -> Organisation:
    """One step: the organisation, in an open transaction (there is only ever one)."""
    existing = _current(session)
    if existing is not None:
        raise ValidationError("organisation.exists", field="name", name=existing.name)
    org = Organisation(
        name=clean_name(name, field="org_name"),
        short_code=clean_short_code(short_code),
        city=clean_text(city) or None,
        name_en=clean_text(name_en) or None,
    )
    session.add(org)
    session.flush()
    return org


class OrganisationService(Service):
    def get(self) -> OrganisationView | None:
        with self.reader() as session:
            org = _current(session)
            return _view(org) if org is not None else None

    @write
    def create(
        self, name: str, short_code: str, city: str = "", name_en: str | None = None
    ) -> OrganisationView:
        """First run: the first admin creates it; there is only ever one."""
        require(self.actor, "settings.edit")
        with self.transaction() as session:
            return _view(create_organisation_in(session, name, short_code, city, name_en), SETTINGS)

    @write
    def update(self, name: str, city: str = "", name_en: str | None = None) -> Done:
        """The short code is not editable: it is printed in serials already issued."""
        require(self.actor, "settings.edit")
        with self.transaction() as session:
            org = _current(session)
            org.name = clean_name(name, field="org_name")
            org.city = clean_text(city) or None
            org.name_en = clean_text(name_en) or None
        return Done(SETTINGS)
