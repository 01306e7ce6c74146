"""demo: fill the data directory with the demo organisation (see fieldapp.demo)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.core.permissions import require
from fieldapp.store.backup import backup_database

i18n.register(
    {
        "demo.done": (
            "جاهز: بيانات تجريبية لأمانة محافظة الطائف في {path} ({seconds} ث). الحسابات: {accounts}",
            "Ready: demo data of Taif Municipality in {path} ({seconds} s). Accounts: {accounts}",
        ),
        "demo.kept": (
            "في المجلد بيانات من قبل؛ تُفتح كما هي.",
            "The data directory already holds data; opening it as it is.",
        ),
    }
)


def run_demo(ctx: CliContext, args: argparse.Namespace) -> int:
    from fieldapp.demo import DEMO_ACCOUNTS, DEMO_ACTOR, build_demo, ensure_empty, has_data

    database = ctx.data_dir.database
    if database.exists() and has_data(ctx.store):
        if args.force:
            require(ctx.actor, "restore")  # replacing a laptop's data: an administrator signs in
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_database(database, ctx.data_dir.backups / f"before-demo-{stamp}.db")
            ctx.close()
            for suffix in ("", "-wal", "-shm"):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
        elif args.open:  # the quick start run a second time: keep the coordinator's data
            print(i18n.msg("demo.kept"), file=sys.stderr)
            return _open(ctx)
        else:
            ensure_empty(ctx.store)
    started = time.perf_counter()
    # The demo's data are made by its own named administrator (DEMO_ACTOR), not by ctx.actor: the
    # desk, the gift log and the certificates then name a person of the demo, as they would at work.
    build_demo(ctx.store, DEMO_ACTOR, progress=lambda step: print(f"… {step}", file=sys.stderr))
    accounts = ", ".join(f"{a['username']}/{a['password']}" for a in DEMO_ACCOUNTS)
    print(
        i18n.msg(
            "demo.done",
            path=str(ctx.data_dir.root),
            seconds=f"{time.perf_counter() - started:.1f}",
            accounts=accounts,
        )
    )
    return _open(ctx) if args.open else 0


def _open(ctx: CliContext) -> int:
    from fieldapp.commands.gui import run_gui

    ctx.close()
    return run_gui(ctx, argparse.Namespace())
