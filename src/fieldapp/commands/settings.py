"""`fieldapp settings [KEY [VALUE]]`: list the settings, show one, or set one (as an administrator,
`cli:<login>`, audited like a change in the app's Settings)."""

from __future__ import annotations

import argparse
import json

from fieldapp.commands._context import CliContext
from fieldapp.config import SETTINGS
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.services import Services

i18n.register(
    {
        "settings.unknown_key": (
            "لا يوجد إعداد باسم {name}؛ شغّل fieldapp settings لعرض الإعدادات.",
            "There is no setting named {name}; run fieldapp settings to list them.",
        ),
        "settings.saved": ("حُفظ الإعداد {name} = {value}", "Setting {name} = {value} saved"),
    }
)


def _value(text: str) -> object:
    """JSON when it reads as JSON (true, 10, "x", [..]), else the text as it is (an address)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def run_settings(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.key is not None and args.key not in SETTINGS:
        raise ValidationError("settings.unknown_key", field="key", name=args.key)
    # Reading the settings shows no personal data; changing one needs a signed-in administrator.
    services = Services(ctx.store, ctx.actor if args.value is not None else None)
    if args.value is not None:
        services.settings.set(args.key, _value(args.value))
        shown = json.dumps(services.settings.get(args.key), ensure_ascii=False)
        print(i18n.msg("settings.saved", name=args.key, value=shown))
        return 0
    values = services.settings.all()
    if args.key is not None:
        values = {args.key: values[args.key]}
    if args.json:
        ctx.print_json(values)
    else:
        for key, value in values.items():
            print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return 0
