"""`fieldapp report KIND`: the reports the app exports, written from the command line.

`attendance` and `gifts` are written by the same code as the Events and Gifts screens' exports
(reports.writers), so HQ can script them and tests can check them; `partner` and `hours` live in
commands.partners.
"""

from __future__ import annotations

import argparse

from fieldapp.commands import partners  # also the messages the report commands share
from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.reports.writers import gift_log_title, write_attendance, write_gift_log
from fieldapp.services import Services


def add_report_kinds(kinds: argparse._SubParsersAction) -> None:
    """`report attendance` and `report gifts` inside the shared `report` group."""
    attendance = kinds.add_parser("attendance", help="an event's attendance and hours")
    attendance.add_argument("--event", required=True, metavar="ID")
    gifts = kinds.add_parser("gifts", help="the gift log (all, or one event's)")
    gifts.add_argument("--event", metavar="ID")
    for sub in (attendance, gifts):
        out = sub.add_mutually_exclusive_group(required=True)
        out.add_argument("--xlsx", metavar="FILE", help="write an Excel sheet")
        out.add_argument("--pdf", metavar="FILE", help="write an Arabic PDF")


def run_report(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.kind not in ("attendance", "gifts"):
        return partners.run_report(ctx, args)
    services = Services(ctx.store, ctx.actor)
    kind, path = ("xlsx", args.xlsx) if args.xlsx else ("pdf", args.pdf)
    if args.kind == "attendance":
        written = write_attendance(services, args.event, path, kind)
    else:
        title = gift_log_title(services.events.get(args.event).title if args.event else None)
        filters = {"event_id": args.event} if args.event else {}
        written = write_gift_log(services, path, kind, title, filters)
    print(i18n.msg("cli.report.wrote", path=str(written)))
    return 0
