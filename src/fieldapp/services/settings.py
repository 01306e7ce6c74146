"""Settings stored in the database, read through the registry in config.SETTINGS (one place for defaults)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldapp.config import SETTINGS
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import Setting
from fieldapp.store.unit_of_work import audit

# Settings a coordinator changes for themselves; everything else needs an administrator.
PERSONAL = frozenset({"ui.language", "ui.digits", "ui.sounds", "desk.current_event_id"})
#: the audit trail's name for a change made on the sign-in screen (the language switch)
SIGNED_OUT = "(signed out)"


class SettingsService(Service):
    def get(self, key: str) -> Any:
        default = SETTINGS[key].default
        with self.reader() as session:
            row = session.get(Setting, key)
            return default if row is None or row.value is None else row.value.get("v", default)

    def all(self) -> dict[str, Any]:
        with self.reader() as session:
            stored = {row.key: row.value for row in session.query(Setting).all()}
        return {
            key: (stored[key] or {}).get("v", d.default) if key in stored else d.default
            for key, d in SETTINGS.items()
        }

    @write(anonymous=True)
    def set(self, key: str, value: Any) -> Done:
        """Personal settings may be changed by anyone, even on the sign-in screen; the rest by an admin."""
        if key not in SETTINGS:
            raise KeyError(key)
        actor = self.services.actor
        if key not in PERSONAL:
            require(actor, "settings.edit")
        with self.transaction(user_name=actor.user_name if actor else SIGNED_OUT) as session:
            store_setting(session, key, value)
        return Done(Changed.of("settings"))


def store_setting(session: Session, key: str, value: Any) -> None:
    """Store a setting (and its audit line) in an open unit of work: the step `set` and the writes
    that save a setting together with other changes (certificate templates, branding) share."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value={"v": value}))
    else:
        row.value = {"v": value}
    audit(session, "setting", key)
