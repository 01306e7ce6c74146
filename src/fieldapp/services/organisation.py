"""The organisation this laptop works for (one row): its name and the short code in certificate serials."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.text import clean_name, clean_text
from fieldapp.services import Changed, Services
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


def _view(org: Organisation) -> OrganisationView:
    return OrganisationView(org.id, org.name, org.name_en, org.short_code, org.city)


def clean_short_code(value: str) -> str:
    code = value.strip().upper()
    if not (2 <= len(code) <= 8 and code.isascii() and code.isalnum()):
        raise ValidationError("setup.short_code", field="short_code")
    return code


class OrganisationService:
    def __init__(self, services: Services) -> None:
        self.s = services

    def get(self) -> OrganisationView | None:
        with self.s.store.reader() as r:
            org = r.scalar(select(Organisation).where(Organisation.deleted.is_(False)).limit(1))
            return _view(org) if org is not None else None

    def create(
        self, name: str, short_code: str, city: str = "", name_en: str | None = None
    ) -> OrganisationView:
        """First run: the first admin creates it; there is only ever one."""
        require(self.s.actor, "settings.edit")
        existing = self.get()
        if existing is not None:
            raise ValidationError("organisation.exists", field="name", name=existing.name)
        with self.s.store.session(self.s.actor.user_name) as s:
            org = Organisation(
                name=clean_name(name, field="org_name"),
                short_code=clean_short_code(short_code),
                city=clean_text(city) or None,
                name_en=clean_text(name_en) or None,
            )
            s.add(org)
            s.flush()
            return _view(org)

    def update(self, name: str, city: str = "", name_en: str | None = None) -> Changed:
        """The short code is not editable: it is printed in serials already issued."""
        require(self.s.actor, "settings.edit")
        with self.s.store.session(self.s.actor.user_name) as s:
            org = s.scalar(select(Organisation).where(Organisation.deleted.is_(False)).limit(1))
            org.name = clean_name(name, field="org_name")
            org.city = clean_text(city) or None
            org.name_en = clean_text(name_en) or None
        return Changed.of("settings")
