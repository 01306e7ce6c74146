"""`fieldapp enroll URL CODE [--name N] [--ca-file PEM] [--json]`, `fieldapp sync [--json]` and
`fieldapp sync-status [--json]`.

`enroll` also takes the scanned QR text alone (`fieldapp enroll "FIELDAPP1 https://… CODE"`,
quoted or not). Exit 0 when done, 2 with a plain message (offline, code used or expired, already
enrolled, not allowed). `enroll` acts as a signed-in administrator and `sync` as any signed-in
user (`--user`, or FIELDAPP_USER and FIELDAPP_PASSWORD for a sync run by a timer or a script). `sync` runs one round (push,
pull, verify) and prints what moved; exit 2 with a plain message when the server cannot be
reached, this laptop was revoked, the app is too old or the clock is wrong (the data still went
up then: facts carry their own time).
"""

from __future__ import annotations

import argparse
import sys

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.services import Services
from fieldapp.sync.enrolment import MAX_SKEW_S, QR_TAG

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
            "آخر مزامنة ناجحة: {last}. بانتظار الرفع: {pending}. مُنحّاة: {set_aside}. تعارضات للمراجعة: {conflicts}.",
            "Last successful sync: {last}. Waiting to go up: {pending}. Set aside: {set_aside}. "
            "Conflicts to review: {conflicts}.",
        ),
        "cli.status.never": ("لم تحدث بعد", "never"),
        "cli.sync.done": (
            "تمت المزامنة: رُفع {pushed} تغييرًا ونزل {pulled}. تعارضات: {conflicts}. مُنحّاة: {rejected}.",
            "Synced: {pushed} changes up, {pulled} down. Conflicts: {conflicts}. Set aside: {rejected}.",
        ),
        "cli.sync.verified": ("تطابقت البيانات مع الخادم.", "The data matches the server."),
        "cli.sync.unverified": (
            "لم يُتحقق من التطابق هذه المرة (الجهة تعمل الآن)؛ يُعاد في المزامنة القادمة.",
            "The match was not proven this time (the organisation is busy); the next sync tries again.",
        ),
        "cli.sync.mismatch": (
            "بقيت فروق مع الخادم بعد إعادة جلب {n} صفًا؛ ستُعاد المحاولة.",
            "Differences with the server remain after fetching {n} rows again; sync will try again.",
        ),
        "cli.sync.rebaselined": (
            "استُعيد {what} من نسخة احتياطية: أُعيد رفع {n} صفًا وتنزيل كل شيء.",
            "The {what} was restored from a backup: {n} rows sent again and everything pulled again.",
        ),
        "cli.sync.what.server_restored": ("الخادم", "server"),
        "cli.sync.what.laptop_restored": ("هذا الحاسوب", "this laptop"),
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


def run_sync(ctx: CliContext, args: argparse.Namespace) -> int:
    report = Services(ctx.store, ctx.actor).sync.run(verify=not args.no_verify)
    clock_wrong = abs(report.clock_skew_s) > MAX_SKEW_S
    if args.json:
        ctx.print_json(report.as_json())
        return 2 if clock_wrong else 0
    if report.rebaselined:
        what = i18n.msg(f"cli.sync.what.{report.rebaselined}")
        print(i18n.msg("cli.sync.rebaselined", what=what, n=report.resent))
    print(
        i18n.msg(
            "cli.sync.done",
            pushed=report.pushed,
            pulled=report.pulled,
            conflicts=report.conflicts + report.conflicts_received,
            rejected=report.rejected,
        )
    )
    if report.verified is True:
        print(i18n.msg("cli.sync.verified"))
    elif report.verified is False:
        print(i18n.msg("cli.sync.mismatch", n=report.refetched))
    elif report.moved:
        print(i18n.msg("cli.sync.unverified"))
    for flag in report.flags:
        print(flag)
    for warning in report.warnings:
        print(warning, file=sys.stderr if clock_wrong else sys.stdout)
    return 2 if clock_wrong else 0


def run_sync_status(ctx: CliContext, args: argparse.Namespace) -> int:
    status = Services(ctx.store, None).sync_state.status()  # no personal data: nobody signs in
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
                "conflicts": status.conflicts,
                "last_verified_at": status.last_verified_at,
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
        i18n.msg(
            "cli.status.counts",
            last=last,
            pending=status.pending_ops,
            set_aside=status.set_aside_ops,
            conflicts=status.conflicts,
        )
    )
    if status.last_error:
        print(i18n.msg("cli.status.last_error", error=status.last_error))
    return 0
