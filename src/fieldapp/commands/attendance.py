"""`fieldapp scan` and `fieldapp attendance`: the desk's rules from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldapp.commands._context import CliContext
from fieldapp.core import dates, i18n
from fieldapp.services import Services

i18n.register(
    {
        "cli.attendance.header": (
            "الاسم|رقم الهوية|أول دخول|آخر خروج|الساعات|الحالة|ملاحظات",
            "Name|National ID|First in|Last out|Hours|State|Flags",
        ),
        "cli.attendance.totals": (
            "الحاضرون الآن: {in_now} — حضروا: {attended} — المسجَّلون: {registered} — "
            "حضور دون تسجيل: {walk_ins} — مجموع الساعات: {hours}",
            "In now: {in_now} — attended: {attended} — registered: {registered} — "
            "walk-ins: {walk_ins} — total hours: {hours}",
        ),
        "cli.state.in": ("داخل", "in"),
        "cli.state.out": ("خرج", "out"),
        "cli.state.absent": ("غائب", "absent"),
    }
)


def _iso(value: Any) -> str | None:
    return None if value is None else dates.to_local(value).isoformat()


def run_scan(ctx: CliContext, args: argparse.Namespace) -> int:
    services = Services(ctx.store, ctx.actor)
    result = services.attendance.scan(args.event, args.code, method="manual", direction=args.direction)
    if getattr(args, "json", False):
        ctx.print_json(
            {
                "status": result.status,
                "reason": result.reason_key,
                "warnings": list(result.warnings),
                "message": result.message,
                "person_id": result.person.id if result.person else None,
                "name": result.person.full_name if result.person else None,
                "direction": result.direction,
                "at": _iso(result.at),
                "hours_so_far": result.hours_so_far,
                "scan_id": result.scan_id,
            }
        )
    else:
        stream = sys.stdout if result.accepted else sys.stderr
        print(result.message, file=stream)
    return 0 if result.accepted else 2


def run_attendance(ctx: CliContext, args: argparse.Namespace) -> int:
    services = Services(ctx.store, ctx.actor)
    report = services.attendance.event_attendance(args.event)
    if getattr(args, "json", False):
        ctx.print_json(
            {
                "event_id": report.event_id,
                "as_of": _iso(report.as_of),
                "totals": {
                    "in_now": report.in_now,
                    "attended": report.attended,
                    "registered": report.registered,
                    "walk_ins": report.walk_ins,
                    "total_hours": report.total_hours,
                },
                "people": [
                    {
                        "person_id": row.person_id,
                        "name": row.full_name,
                        "national_id": row.national_id,
                        "first_in": _iso(row.first_in),
                        "last_out": _iso(row.last_out),
                        "hours": row.hours,
                        "minutes": row.minutes,
                        "state": row.state,
                        "flags": list(row.flags),
                        "registered": row.registered,
                        "certificate_eligible": row.certificate_eligible,
                    }
                    for row in report.rows
                ],
            }
        )
        return 0
    lang = i18n.language()
    table = [i18n.msg("cli.attendance.header").split("|")]
    for row in report.rows:
        table.append(
            [
                row.full_name,
                row.national_id or "-",
                dates.format_datetime(row.first_in, lang) if row.first_in else "-",
                dates.format_datetime(row.last_out, lang) if row.last_out else "-",
                f"{row.hours:g}",
                i18n.msg(f"cli.state.{row.state}"),
                ",".join(row.flags) or "-",
            ]
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    print()
    print(
        i18n.msg(
            "cli.attendance.totals",
            in_now=report.in_now,
            attended=report.attended,
            registered=report.registered,
            walk_ins=report.walk_ins,
            hours=dates.format_hours(report.total_hours, lang),
        )
    )
    return 0
