"""`fieldapp gui` (the default) and `fieldapp screenshots`."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.commands._context import CliContext


def run_gui(ctx: CliContext, args: argparse.Namespace) -> int:
    from fieldapp.gui.app import run_gui as open_app

    return open_app(ctx.data_dir, lang=getattr(args, "lang", None))


def run_screenshots(ctx: CliContext, args: argparse.Namespace) -> int:
    """Render the login and every registered screen at 1366×768 (offscreen works)."""
    from fieldapp.gui.screenshots import render_screenshots

    paths = render_screenshots(ctx.data_dir, Path(args.out), lang=args.screen_lang, store=ctx.store)
    for path in paths:
        print(path)
    return 0
