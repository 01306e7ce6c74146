"""What every command gets: the data directory, the store (opened on first use), and who acts.

Who acts: a command that changes data or shows personal data reads `ctx.actor`, and that signs a
user of this laptop in, once, the way the app does (the same lockout and audit; services check the
same roles): `--user NAME` or FIELDAPP_USER, the password from a prompt on a terminal or from
FIELDAPP_PASSWORD for scripts. Commands that need nobody (help, --version, verify, sync-status,
demo on an empty folder, the central server's administration) never read it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldapp.config import DataDir, resolve_data_dir
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.store.db import Store

ENV_USER = "FIELDAPP_USER"
ENV_PASSWORD = "FIELDAPP_PASSWORD"

i18n.register(
    {
        "cli.user_needed": (
            "هذا الأمر يغيّر البيانات أو يعرض بيانات شخصية: عرّف بنفسك بـ --user الاسم (أو FIELDAPP_USER)، وتُطلب كلمة المرور أو تؤخذ من FIELDAPP_PASSWORD.",
            "This command changes data or shows personal data: say who you are with --user NAME (or "
            "FIELDAPP_USER); the password is asked for, or taken from FIELDAPP_PASSWORD.",
        ),
        "cli.password_needed": (
            "لا طرفية لطلب كلمة مرور {user}: ضعها في FIELDAPP_PASSWORD لتشغيل الأوامر من برنامج نصي.",
            "No terminal to ask for {user}'s password: put it in FIELDAPP_PASSWORD to run commands "
            "from a script.",
        ),
        "cli.password_prompt": ("كلمة مرور {user}: ", "Password for {user}: "),
        "cli.no_users": (
            "لا مستخدمين على هذا الجهاز بعد: افتح البرنامج لإعداده، أو استعمل fieldapp setup.",
            "This laptop has no users yet: open the app to set it up, or run `fieldapp setup`.",
        ),
    }
)


@dataclass
class CliContext:
    data_dir: DataDir
    user_name: str | None = None
    _store: Store | None = field(default=None, repr=False)
    _actor: Actor | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        user = getattr(args, "user", None) or os.environ.get(ENV_USER) or None
        return cls(DataDir(resolve_data_dir(args.data_dir)), user)

    @property
    def actor(self) -> Actor:
        """The signed-in user this command acts as (signing in on first use; see the module doc)."""
        if self._actor is None:
            self._actor = self._sign_in()
        return self._actor

    def _sign_in(self) -> Actor:
        from fieldapp.services import Services

        if not self.user_name:
            raise ValidationError("cli.user_needed", field="user")
        services = Services(self.store, None)
        if services.users.count() == 0:
            raise ValidationError("cli.no_users", field="user")
        password = self.password(self.user_name)
        return services.users.sign_in(self.user_name, password, stay_signed_in=None, via="cli").actor

    @staticmethod
    def password(user_name: str) -> str:
        """FIELDAPP_PASSWORD, else asked on the terminal (never echoed)."""
        password = os.environ.get(ENV_PASSWORD)
        if password is not None:
            return password
        if not sys.stdin.isatty():
            raise ValidationError("cli.password_needed", field="password", user=user_name)
        return getpass.getpass(i18n.msg("cli.password_prompt", user=user_name))

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.data_dir.database, self.data_dir.backups)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def progress_printer(message_key: str) -> Callable[[int, int], None]:
        """A progress callback for long commands: one rewritten line on a terminal, and a line
        per tenth of the work in a log (CI, a redirected file)."""
        tty = sys.stderr.isatty()
        last_tenth = -1

        def show(done: int, total: int) -> None:
            nonlocal last_tenth
            text = i18n.msg(message_key, done=done, total=total)
            if tty:
                print("\r" + text, end="\n" if done >= total else "", file=sys.stderr, flush=True)
                return
            tenth = done * 10 // max(total, 1)
            if tenth != last_tenth:
                last_tenth = tenth
                print(text, file=sys.stderr, flush=True)

        return show

    @staticmethod
    def print_json(value: Any) -> None:
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
