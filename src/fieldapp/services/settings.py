"""Settings stored in the database, read through the registry in config.SETTINGS (one place for defaults)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from fieldapp.config import SETTINGS
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import Setting
from fieldapp.store.unit_of_work import audit

i18n.register(
    {
        "settings.verify_address_invalid": (
            "عنوان التحقق العام غير صالح: «{url}». اكتبه كاملًا بدءًا بـ https:// (أو http://)، "
            "دون مسافات أو ? أو #، مثل https://verify.example.sa",
            "The public verification address is not valid: “{url}”. Write it in full, starting "
            "with https:// (or http://), without spaces, ? or #, e.g. https://verify.example.sa",
        ),
    }
)

VERIFY_ADDRESS = "certificates.verify_address"

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
        if key == VERIFY_ADDRESS:
            value = verify_address(value)
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


def verify_address(value: Any) -> str:
    """The server's public address as certificates' QR will carry it (`certificates.qr.qr_text`
    appends /V/<payload>): an http(s) address with a host and no query, fragment or space, kept
    without its trailing slash; empty (no address: the QR holds the signed code alone) is allowed."""
    if value is not None and not isinstance(value, str):
        raise ValidationError("settings.verify_address_invalid", field=VERIFY_ADDRESS, url=str(value))
    text = (value or "").strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a port that is not a number, a broken IPv6 host
        port_ok = False
        parts = None
    if (
        parts is None
        or not port_ok
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or text.endswith(("?", "#"))
        or any(ch.isspace() for ch in text)
    ):
        raise ValidationError("settings.verify_address_invalid", field=VERIFY_ADDRESS, url=text)
    return text.rstrip("/")
