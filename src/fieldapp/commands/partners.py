"""fieldapp report partner / report hours, and the cumulative hours certificate
(``fieldapp certificates --hours``).

The `report` group is shared with the attendance and gift reports: this module registers its
two kinds with ``add_report_kinds`` and runs them with ``run_report_kind``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.services import Services

i18n.register(
    {
        "cli.date": (
            "التاريخ «{value}» غير صحيح؛ اكتبه بالصيغة YYYY-MM-DD.",
            "The date '{value}' is not valid; write it as YYYY-MM-DD.",
        ),
        "cli.report.format": (
            "امتداد الملف «{name}» غير معروف؛ اختر ‎.pdf أو ‎.xlsx.",
            "Unknown file type '{name}'; use .pdf or .xlsx.",
        ),
        "cli.report.wrote": ("كُتب: {path}", "Wrote: {path}"),
        "cli.hours.period_needed": (
            "حدد الفترة: ‎--from و‎--to، أو ‎--hijri-year، أو ‎--year.",
            "Give the period: --from and --to, or --hijri-year, or --year.",
        ),
        "cli.hours.issued": (
            "شهادة ساعات {serial} لـ{name}: {hours} ({new}).",
            "Hours certificate {serial} for {name}: {hours} ({new}).",
        ),
        "cli.hours.new": ("جديدة", "new"),
        "cli.hours.kept": ("صدرت من قبل بالرقم نفسه", "issued before, same serial"),
    }
)

PARTNER_KINDS = ("partner", "hours")


def add_report_kinds(kinds: argparse._SubParsersAction) -> None:
    """`report partner` and `report hours` inside the shared `report` group."""
    p = kinds.add_parser("partner", help="what we did with a body: visits, gifts, events, agreements")
    p.add_argument("--body", required=True, metavar="ID")
    _period_arguments(p, required=False)
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="default: a PDF in the exports folder")
    p = kinds.add_parser("hours", help="volunteer hours per person over a period")
    _period_arguments(p, required=False)
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="default: a PDF in the exports folder")
    p.add_argument("--json", action="store_true")


def add_hours_certificate_arguments(p: argparse.ArgumentParser) -> None:
    """`fieldapp certificates --hours --person ID --from DATE --to DATE [--out DIR]`."""
    p.add_argument("--hours", action="store_true", help="a cumulative hours certificate of one person")
    p.add_argument("--person", metavar="ID", help="with --hours: the volunteer")
    p.add_argument("--from", dest="start", metavar="DATE", help="with --hours: first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="with --hours: last day (YYYY-MM-DD)")
    p.add_argument("--hijri-year", type=int, metavar="YEAR", help="with --hours: a whole Hijri year")
    p.add_argument("--year", type=int, metavar="YEAR", help="with --hours: a whole Gregorian year")


def _period_arguments(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--from", dest="start", metavar="DATE", required=required, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DATE", required=required, help="last day, YYYY-MM-DD")
    p.add_argument("--hijri-year", type=int, metavar="YEAR", help="a whole Hijri year, e.g. 1446")
    p.add_argument("--year", type=int, metavar="YEAR", help="a whole Gregorian year")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    except ValueError:
        raise ValidationError("cli.date", field="date", value=value) from None


def period_of(args: argparse.Namespace, default_year: bool):
    from fieldapp.core import dates
    from fieldapp.services import volunteer_record as vr

    if getattr(args, "hijri_year", None):
        return vr.hijri_year(args.hijri_year)
    if getattr(args, "year", None):
        return vr.gregorian_year(args.year)
    if args.start and args.end:
        return vr.period(_date(args.start), _date(args.end))
    if args.start or args.end or not default_year:
        raise ValidationError("cli.hours.period_needed", field="period")
    return vr.gregorian_year(dates.local_now().year)


def _out(ctx: CliContext, args: argparse.Namespace, stem: str) -> Path:
    out = Path(args.out) if args.out else ctx.data_dir.exports / f"{stem}.pdf"
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        raise ValidationError("cli.report.format", field="out", name=out.name)
    return out


def run_report(ctx: CliContext, args: argparse.Namespace) -> int:
    from fieldapp.reports import partners as reports
    from fieldapp.reports.labels import organisation_name

    services = Services(ctx.store, ctx.actor)
    org = organisation_name(services)
    if args.kind == "partner":
        start = end = None
        if args.start or args.end or args.hijri_year or args.year:
            p = period_of(args, default_year=False)
            start, end = p.start, p.end
        history = services.bodies.history(args.body, start, end)
        out = _out(ctx, args, f"partner-{history.body.name}")
        write = reports.partner_xlsx if out.suffix.lower() == ".xlsx" else reports.partner_pdf
        print(i18n.msg("cli.report.wrote", path=str(write(history, out, org))))
        return 0
    report = services.volunteer_record.hours_report(period_of(args, default_year=True))
    if args.json:
        ctx.print_json(
            {
                "from": report.period.start,
                "to": report.period.end,
                "rows": [r.__dict__ for r in report.rows],
                "total_events": report.total_events,
                "total_hours": report.total_hours,
            }
        )
        return 0
    out = _out(ctx, args, f"hours-{report.period.start}-{report.period.end}")
    write = reports.hours_xlsx if out.suffix.lower() == ".xlsx" else reports.hours_pdf
    print(i18n.msg("cli.report.wrote", path=str(write(report, out, org))))
    return 0


def run_hours_certificate(ctx: CliContext, args: argparse.Namespace) -> int:
    from fieldapp.core import dates

    if not args.person:
        raise ValidationError("cli.hours.period_needed", field="person")
    services = Services(ctx.store, ctx.actor)
    record = services.volunteer_record
    cert = record.issue_hours_certificate(args.person, period_of(args, default_year=False))
    out = Path(args.out or ctx.data_dir.exports) / f"{cert.serial}.pdf"
    record.render_hours_certificate(cert.id, out)
    print(
        i18n.msg(
            "cli.hours.issued",
            serial=cert.serial,
            name=cert.full_name,
            hours=dates.format_hours(cert.hours, i18n.language()),
            new=i18n.msg("cli.hours.new" if cert.new else "cli.hours.kept"),
        )
    )
    print(i18n.msg("cli.report.wrote", path=str(out)))
    return 0
