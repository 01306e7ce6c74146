"""`fieldapp setup --org NAME --code CODE --user NAME`: the first-run wizard from the command line.

The organisation and its first administrator (the password asked for, or FIELDAPP_PASSWORD), on
an empty laptop only: once a user exists, administrators add users in the app.
"""

from __future__ import annotations

import argparse

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.services import Services

i18n.register(
    {
        "cli.setup.done": (
            "أُعدّ هذا الجهاز لـ«{org}»؛ المدير {user}.",
            "This laptop is set up for “{org}”; its administrator is {user}.",
        ),
    }
)


def run_setup(ctx: CliContext, args: argparse.Namespace) -> int:
    if not ctx.user_name:
        raise ValidationError("cli.user_needed", field="user")
    password = ctx.password(ctx.user_name)
    admin = Services(ctx.store, None).setup.first_run(
        args.org,
        args.code,
        args.city,
        ctx.user_name,
        args.display_name or ctx.user_name,
        password,
        stay_signed_in=False,
    )
    print(i18n.msg("cli.setup.done", org=args.org, user=admin.username))
    return 0
