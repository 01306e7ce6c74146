"""Settings stored in the database, read through the registry in config.SETTINGS (one place for defaults)."""

from __future__ import annotations

from typing import Any

from fieldapp.config import SETTINGS
from fieldapp.core.permissions import require
from fieldapp.services import Changed, Services
from fieldapp.store.models import Setting
from fieldapp.store.unit_of_work import audit

# Settings a coordinator changes for themselves; everything else needs an administrator.
PERSONAL = frozenset({"ui.language", "ui.digits", "ui.sounds", "desk.current_event_id"})


class SettingsService:
    def __init__(self, services: Services) -> None:
        self.s = services

    def get(self, key: str) -> Any:
        default = SETTINGS[key].default
        with self.s.store.reader() as r:
            row = r.get(Setting, key)
            return default if row is None or row.value is None else row.value.get("v", default)

    def all(self) -> dict[str, Any]:
        with self.s.store.reader() as r:
            stored = {row.key: row.value for row in r.query(Setting).all()}
        return {
            key: (stored[key] or {}).get("v", d.default) if key in stored else d.default
            for key, d in SETTINGS.items()
        }

    def set(self, key: str, value: Any) -> Changed:
        if key not in SETTINGS:
            raise KeyError(key)
        if key not in PERSONAL:
            require(self.s.actor, "settings.edit")
        with self.s.store.session(self.s.actor.user_name) as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value={"v": value}))
            else:
                row.value = {"v": value}
            audit(s, "setting", key)
        return Changed.of("settings")
