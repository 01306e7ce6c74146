"""fieldapp certificates / fieldapp verify.

``fieldapp verify`` exit codes: 0 every certificate found is genuine (and matches --name when
given); 1 at least one is tampered, signed with an unknown key, voided, or does not match the
name; 2 the input cannot be read (missing file, no QR code, not a FieldApp code).
"""

from __future__ import annotations

import argparse

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.services import Services

i18n.register(
    {
        "cli.cert.none_eligible": (
            "لا أحد مؤهَّل لشهادة في «{event}» (الحد الأدنى {minimum}). لم يُكتب أي ملف.",
            "No one is eligible for a certificate at '{event}' (minimum {minimum}). No file was written.",
        ),
        "cli.cert.summary": (
            "«{event}»: {new} شهادة جديدة، {kept} صدرت من قبل (الرقم نفسه)، {skipped} غير مؤهَّل.",
            "'{event}': {new} new certificates, {kept} issued before (same serial), {skipped} not eligible.",
        ),
        "cli.cert.progress": ("جارٍ الإنشاء {done}/{total}", "Rendering {done}/{total}"),
        "cli.cert.wrote": ("كُتب: {path}", "Wrote: {path}"),
        "cli.cert.event_needed": (
            "حدد الفعالية بـ‎--event، أو اطلب شهادة ساعات بـ‎--hours ‎--person.",
            "Name the event with --event, or ask for an hours certificate with --hours --person.",
        ),
    }
)


def run_certificates(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.hours:
        from fieldapp.commands.partners import run_hours_certificate

        return run_hours_certificate(ctx, args)
    if not args.event:
        raise ValidationError("cli.cert.event_needed", field="event")
    services = Services(ctx.store, ctx.actor)
    certs = services.certificates
    event = services.events.get(args.event)  # unknown event: NotFoundError -> exit 2
    template_key = args.template or services.settings.get("certificates.default_template")
    certs.template(template_key)  # unknown template: ValidationError -> exit 2
    rows = certs.eligible(event.id, min_hours=args.min_hours)
    minimum = event.min_certificate_hours if args.min_hours is None else args.min_hours
    chosen = [row.person_id for row in rows if row.eligible or row.already_issued]
    if not chosen:
        print(i18n.msg("cli.cert.none_eligible", event=event.title, minimum=_hours(minimum)))
        return 0
    # One unit of work: issue (a certificate issued before keeps its serial), render, log the exports.
    result = certs.issue_and_render(
        event.id,
        chosen,
        args.out,
        template_key,
        min_hours=args.min_hours,
        per_person=args.per_person,
        progress=ctx.progress_printer("cli.cert.progress"),
    )
    new = result.issued.new_count
    kept = len(result.issued) - new
    skipped = sum(1 for row in rows if not row.eligible and not row.already_issued)
    print(i18n.msg("cli.cert.summary", event=event.title, new=new, kept=kept, skipped=skipped))
    for path in result.files:
        print(i18n.msg("cli.cert.wrote", path=str(path)))
    return 0


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    services = Services(ctx.store, None)  # anyone may check a certificate: nobody signs in
    outcomes = services.certificates.verify_all(args.target, name=args.name)  # DecodeError -> exit 2
    digits = services.settings.get("ui.digits")
    for outcome in outcomes:
        print(outcome.message(digits=digits))
    if any(o.status == "malformed" for o in outcomes):
        return 2
    return 0 if all(o.ok for o in outcomes) else 1


def _hours(hours: float) -> str:
    from fieldapp.core.dates import format_hours

    return format_hours(hours, i18n.language())
