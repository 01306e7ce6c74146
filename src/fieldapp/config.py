"""Where the data lives, and the settings registry with defaults.

Data directory, in order: `--data-dir DIR`; portable mode (a folder `fieldapp-data` beside the
program, or FIELDAPP_PORTABLE=1), so a coordinator can carry the app and its data on a USB stick;
FIELDAPP_DATA_DIR; else the platform's user data directory (platformdirs).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

APP_NAME = "FieldApp"
PORTABLE_DIR_NAME = "fieldapp-data"
DB_FILE_NAME = "fieldapp.db"


def program_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    portable = program_dir() / PORTABLE_DIR_NAME
    if portable.is_dir() or os.environ.get("FIELDAPP_PORTABLE") == "1":
        return portable
    if os.environ.get("FIELDAPP_DATA_DIR"):
        return Path(os.environ["FIELDAPP_DATA_DIR"]).expanduser().resolve()
    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def exports(self) -> Path:
        return self.root / "exports"


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    doc: str


# Every setting the app knows, with its default: the one place to look them up.
SETTINGS: dict[str, SettingDef] = {
    s.key: s
    for s in (
        SettingDef("ui.language", "ar", "Interface language: ar (right-to-left) or en"),
        SettingDef("ui.digits", "latin", "Digits shown in the app and on certificates: latin or arabic"),
        SettingDef("ui.sounds", True, "Play a sound for each check-in result"),
        SettingDef(
            "desk.current_event_id", None, "The event the check-in desk opens on (None: the one running now)"
        ),
        SettingDef("desk.undo_seconds", 120, "How long the last scan can be undone"),
        SettingDef(
            "session.stay_signed_in",
            True,
            "Keep the coordinator signed in on this laptop until the end of the day",
        ),
        SettingDef("gifts.low_stock_default", 10, "Low-stock mark for new gift types"),
        SettingDef("certificates.default_template", "attendance-ar", "Template used when none is chosen"),
        SettingDef("certificates.page", "A4", "A4 or A5 (landscape)"),
        SettingDef("certificates.signatory_name", "", "Name printed under the signature"),
        SettingDef("certificates.signatory_title", "", "Title printed under the signatory's name"),
        SettingDef(
            "certificates.templates", {}, "Template texts edited by the coordinators, by template key"
        ),
        SettingDef(
            "certificates.logo", "", "The organisation's logo on certificates (a file in DATA_DIR/branding)"
        ),
        SettingDef(
            "certificates.signature", "", "The signature image under the signatory (DATA_DIR/branding)"
        ),
        SettingDef("sync.server_url", "", "The organisation's central server"),
        SettingDef("sync.laptop_name", "", "This laptop's name in the organisation (given when it enrolled)"),
        SettingDef(
            "certificates.verify_address",
            "",
            "The central server's public address (https://…): certificates' QR then opens its "
            "verification page on any phone; empty: the QR holds the signed code alone",
        ),
        SettingDef(
            "demo.accounts",
            [],
            "Demo sign-in accounts, shown on the login screen (written by `fieldapp demo`)",
        ),
    )
}
