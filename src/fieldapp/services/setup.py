"""First run of an empty data directory, and what the app needs to know before it opens a window.

`first_run` is ONE use case in ONE transaction: the first administrator, the organisation, and the
administrator signed in (staying signed in today). A failure at any step leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.organisation import create_organisation_in
from fieldapp.services.users import FIRST_RUN, UserView, add_user_in, sign_in_in, user_count_in, user_view

i18n.register(
    {
        "setup.done": (
            "هذا الجهاز مُعدّ من قبل؛ ادخل بحساب مدير النظام لإضافة المستخدمين.",
            "This laptop is already set up; sign in as an administrator to add users.",
        ),
    }
)


@dataclass(frozen=True)
class Opening:
    """How the app opens: the first-run wizard, the remembered user's window, or the sign-in screen."""

    first_run: bool
    remembered: UserView | None
    settings: dict[str, Any] = field(default_factory=dict)


def demo_accounts_of(value: Any) -> list[dict[str, str]]:
    """The demo's accounts ({"username","password","role"}) from the `demo.accounts` setting."""
    return [a for a in value or [] if isinstance(a, dict) and a.get("username")]


class SetupService(Service):
    def opening(self) -> Opening:
        """One read at start-up (on the database thread): who opens the app, and the settings."""
        users = self.services.users
        return Opening(users.count() == 0, users.remembered(), self.services.settings.all())

    def demo_accounts(self) -> list[dict[str, str]]:
        """The demo's accounts, written by `fieldapp demo`; [] otherwise (the sign-in screen names them)."""
        return demo_accounts_of(self.services.settings.get("demo.accounts"))

    @write(anonymous=True)
    def first_run(
        self,
        org_name: str,
        short_code: str,
        city: str,
        username: str,
        display_name: str,
        password: str,
        stay_signed_in: bool = True,
    ) -> UserView:
        """The organisation and its first administrator, signed in: all of it or nothing.

        Only on an empty laptop: once a user exists, an administrator adds users in the settings.
        stay_signed_in=False (the command line): the app still asks for the password when opened.
        """
        with self.transaction(user_name=FIRST_RUN) as session:
            if user_count_in(session) > 0:
                raise ValidationError("setup.done", field="username")
            admin = add_user_in(session, username, display_name, "admin", password)
            create_organisation_in(session, org_name, short_code, city)
            signed_in = sign_in_in(session, admin.username, password, stay_signed_in)
            return user_view(signed_in, Changed.of("users", "settings", "session"))
