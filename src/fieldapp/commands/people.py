"""`fieldapp import-roster FILE [--event ID] [--dry-run] [--json]` and `fieldapp find QUERY`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.services import Services
from fieldapp.services import roster_import as _roster_import  # noqa: F401  (registers the import.* messages)

i18n.register(
    {
        "cli.import.progress": ("استيراد: {done} من {total} صف", "Importing: {done} of {total} rows"),
        "cli.import.summary": (
            "الصفوف: {rows} — أُضيف {added}، حُدِّث {updated}، بلا تغيير {unchanged}، سُجّل في الفعالية {registered}، أخطاء {errors} ({seconds} ث)",
            "Rows: {rows} — added {added}, updated {updated}, unchanged {unchanged}, "
            "registered for the event {registered}, errors {errors} ({seconds} s)",
        ),
        "cli.import.dry_run": (
            "تجربة فقط: لم يُكتب شيء في قاعدة البيانات",
            "Dry run: nothing was written to the database",
        ),
        "cli.import.cancelled": (
            "أُوقف الاستيراد: حُفظ ما سبق الإيقاف فقط",
            "The import was stopped: only what came before the stop was saved",
        ),
        "cli.import.error_line": ("السطر {line}{column}: {message}", "Line {line}{column}: {message}"),
        "cli.import.more_errors": (
            "… و{n} أخطاء أخرى (استخدم --json للقائمة كاملة)",
            "… and {n} more errors (use --json for all)",
        ),
        "cli.find.none": ("لا أحد يطابق «{query}»", "Nobody matches “{query}”"),
        "cli.find.match.badge": ("رمز البطاقة", "badge"),
        "cli.find.match.national_id": ("رقم الهوية", "national ID"),
        "cli.find.match.mobile": ("الجوال", "mobile"),
        "cli.find.match.name_exact": ("الاسم", "name"),
        "cli.find.match.name_prefix": ("بداية الاسم", "name prefix"),
        "cli.find.match.id_prefix": ("بداية الرقم", "number prefix"),
    }
)

_SHOWN_ERRORS = 50


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {
            f.name: _jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "changed"
        }
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def run_import_roster(ctx: CliContext, args: argparse.Namespace) -> int:
    services = Services(ctx.store, ctx.actor)
    report = services.roster_import.run(
        args.file,
        event_id=args.event,
        dry_run=args.dry_run,
        progress=ctx.progress_printer("cli.import.progress"),
    )
    failed = report.valid == 0
    if args.json:
        ctx.print_json({**_jsonable(report), "valid": report.valid})
        return 2 if failed else 0
    out = sys.stdout if not failed else sys.stderr
    for error in report.errors[:_SHOWN_ERRORS]:
        column = f" ({error.column})" if error.column else ""
        print(
            i18n.msg("cli.import.error_line", line=error.line, column=column, message=error.message), file=out
        )
    more = len(report.errors) + report.errors_left_out - _SHOWN_ERRORS
    if more > 0:
        print(i18n.msg("cli.import.more_errors", n=more), file=out)
    if failed:
        print(i18n.msg("import.no_valid_rows"), file=sys.stderr)
        return 2
    print(
        i18n.msg(
            "cli.import.summary",
            rows=report.rows,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            registered=report.registered,
            errors=len(report.errors) + report.errors_left_out,
            seconds=f"{report.duration_s:.1f}",
        )
    )
    if report.dry_run:
        print(i18n.msg("cli.import.dry_run"))
    if report.cancelled:
        print(i18n.msg("cli.import.cancelled"))
    return 0


def run_find(ctx: CliContext, args: argparse.Namespace) -> int:
    services = Services(ctx.store, ctx.actor)
    hits = services.search.find(args.query, limit=args.limit)
    if args.json:
        ctx.print_json([{"match": h.match, "score": h.score, "person": _jsonable(h.person)} for h in hits])
        return 0
    if not hits:
        print(i18n.msg("cli.find.none", query=args.query))
        return 0
    for hit in hits:
        p = hit.person
        parts = [p.full_name]
        if p.latin_name:
            parts.append(p.latin_name)
        parts += [p.national_id or "—", p.mobile_display or "—"]
        if p.badge_code:
            parts.append(p.badge_code)
        parts.append(f"[{i18n.msg('cli.find.match.' + hit.match)}]")
        print("  ".join(parts))
    return 0
