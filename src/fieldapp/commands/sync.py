"""`fieldapp enroll URL CODE [--name N] [--ca-file PEM] [--json]` and `fieldapp sync-status [--json]`.

`enroll` also takes the scanned QR text alone (`fieldapp enroll "FIELDAPP1 https://… CODE"`,
quoted or not). Exit 0 when done, 2 with a plain message (offline, code used or expired, already
enrolled, not allowed); the CLI acts as its local admin actor.
"""

from __future__ import annotations

import argparse

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.services import Services
from fieldapp.sync.enrolment import QR_TAG

i18n.register(
    {
        "cli.enroll.done": (
            "سُجّل هذا الحاسوب في {org} ({code}) على الخادم {url}. رمزه المختصر {short}.",
            "This laptop is enrolled in {org} ({code}) on the server {url}. Its short code is {short}.",
        ),
        "cli.enroll.pending": (
            "{n} تغييرًا محليًا سيُرفع إلى الجهة عند المزامنة.",
            "{n} local changes will go up to the organisation at the next sync.",
        ),
        "cli.status.not_enrolled": (
            "هذا الحاسوب غير مسجَّل في خادم (الرمز المختصر {short}). التغييرات المحلية المنتظرة: {pending}.",
            "This laptop is not enrolled with a server (short code {short}). Local changes waiting: {pending}.",
        ),
        "cli.status.enrolled": (
            "مسجَّل في {org} ({code}) على {url}، الرمز المختصر {short}.",
            "Enrolled in {org} ({code}) on {url}, short code {short}.",
        ),
        "cli.status.counts": (
            "آخر مزامنة ناجحة: {last}. بانتظار الرفع: {pending}. مُنحّاة: {set_aside}.",
            "Last successful sync: {last}. Waiting to go up: {pending}. Set aside: {set_aside}.",
        ),
        "cli.status.never": ("لم تحدث بعد", "never"),
        "cli.status.last_error": ("آخر خطأ: {error}", "Last error: {error}"),
    }
)


def split_target(target: list[str]) -> tuple[str | None, str]:
    """(URL or None, code) from the positionals: `URL CODE`, `CODE` (QR text quoted), or the
    QR text's three words unquoted; a code typed with spaces after the URL is joined."""
    if target[0].upper() == QR_TAG:
        return None, " ".join(target)
    if len(target) == 1:
        return None, target[0]
    return target[0], "".join(target[1:])


def run_enroll(ctx: CliContext, args: argparse.Namespace) -> int:
    url, code = split_target(args.target)
    result = Services(ctx.store, ctx.actor).sync_state.enrol(url, code, args.name, args.ca_file)
    if args.json:
        ctx.print_json(
            {
                "server_url": result.server_url,
                "organisation": {"code": result.org_code, "name": result.org_name},
                "short_code": result.short_code,
                "short_code_changed_from": result.short_code_changed_from,
                "pending_ops": result.pending_ops,
                "clock_skew_s": result.clock_skew_s,
                "warnings": list(result.warnings),
            }
        )
        return 0
    print(
        i18n.msg(
            "cli.enroll.done",
            org=result.org_name,
            code=result.org_code,
            url=result.server_url,
            short=result.short_code,
        )
    )
    for warning in result.warnings:
        print(warning)
    print(i18n.msg("cli.enroll.pending", n=result.pending_ops))
    return 0


def run_sync_status(ctx: CliContext, args: argparse.Namespace) -> int:
    status = Services(ctx.store, ctx.actor).sync_state.status()
    if args.json:
        ctx.print_json(
            {
                "enrolled": status.enrolled,
                "server_url": status.server_url,
                "organisation": {"code": status.org_code, "name": status.org_name}
                if status.enrolled
                else None,
                "short_code": status.short_code,
                "enrolled_at": status.enrolled_at,
                "last_success_at": status.last_success_at,
                "last_error": status.last_error,
                "pending_ops": status.pending_ops,
                "set_aside_ops": status.set_aside_ops,
            }
        )
        return 0
    if not status.enrolled:
        print(i18n.msg("cli.status.not_enrolled", short=status.short_code, pending=status.pending_ops))
        return 0
    print(
        i18n.msg(
            "cli.status.enrolled",
            org=status.org_name,
            code=status.org_code,
            url=status.server_url,
            short=status.short_code,
        )
    )
    last = status.last_success_at.isoformat() if status.last_success_at else i18n.msg("cli.status.never")
    print(
        i18n.msg("cli.status.counts", last=last, pending=status.pending_ops, set_aside=status.set_aside_ops)
    )
    if status.last_error:
        print(i18n.msg("cli.status.last_error", error=status.last_error))
    return 0
