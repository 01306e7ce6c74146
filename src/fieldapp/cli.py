"""Command line: parse arguments, then hand off to fieldapp.commands.<module>.run_<command>().

Exit codes: 0 success, 2 bad input or a disk that refuses (with a message saying what and where,
in Arabic when the locale is Arabic), 1 an unexpected failure. A user error never prints a traceback.

Commands that change data or show personal data act as a user of this laptop who signs in
(`--user NAME` or FIELDAPP_USER; see commands/_context.py).
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import TextIO

from sqlalchemy.exc import DBAPIError

from fieldapp import __version__
from fieldapp.core import i18n
from fieldapp.core.errors import FieldAppError
from fieldapp.core.text import strip_controls
from fieldapp.store.engine import storage_problem

# command -> (module in fieldapp.commands, help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "gui": ("gui", "open the desktop app (the default)"),
    "screenshots": ("gui", "render every screen with demo data to PNG"),
    "demo": ("demo", "fill the data directory with a realistic demo organisation"),
    "setup": ("setup", "first run: the organisation and its first administrator"),
    "import-roster": ("people", "import volunteers from CSV or XLSX"),
    "find": ("people", "search the roster (name, national ID, mobile, badge)"),
    "scan": ("attendance", "check a person in or out, with the desk's rules"),
    "attendance": ("attendance", "attendance and hours of an event"),
    "certificates": (
        "certificates",
        "issue attendance certificates of an event, or a volunteer's hours certificate, to PDF",
    ),
    "report": (
        "reports",
        "reports to PDF or XLSX: attendance, gift log, a partner's history, volunteer hours",
    ),
    "verify": ("certificates", "check a certificate's QR (text, PDF or PNG)"),
    "export": ("data", "export every table as JSON, for audits"),
    "backup": ("data", "copy the database safely, even while the app runs"),
    "restore": ("data", "put a backup back in place"),
    "settings": ("settings", "list the settings, show one, or set one"),
    "bench": ("bench", "measure speed and memory"),
    "server": ("server", "run the organisation's central sync server"),
    "server-admin": ("server", "administer the central server: organisations, laptops, users"),
    "enroll": ("sync", "enrol this laptop with the organisation's central server"),
    "sync": ("sync", "one sync round with the central server: push, pull, verify"),
    "sync-status": ("sync", "where sync stands: server, organisation, pending changes"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp", description="ميدان FieldApp — offline field coordination"
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data directory (default: the user data dir)")
    parser.add_argument(
        "--lang", choices=["ar", "en"], help="language of messages (default: from the locale)"
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="act as this user of the laptop (default: FIELDAPP_USER); the password is asked for, "
        "or read from FIELDAPP_PASSWORD",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=COMMANDS[name][1], description=COMMANDS[name][1])

    add("gui")
    p = add("screenshots")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--lang", dest="screen_lang", choices=["ar", "en"], default="ar")

    p = add("demo")
    p.add_argument("--force", action="store_true", help="replace an existing database (a backup is kept)")
    p.add_argument("--open", action="store_true", help="open the app when done")

    p = add("setup")
    p.add_argument("--org", required=True, metavar="NAME", help="the organisation's name")
    p.add_argument("--code", required=True, metavar="CODE", help="its short code (certificate serials)")
    p.add_argument("--city", default="", metavar="CITY")
    p.add_argument("--display-name", metavar="NAME", help="the administrator's full name")

    p = add("import-roster")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--event", metavar="ID", help="also register everyone for this event")
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    p.add_argument("--json", action="store_true")

    p = add("find")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = add("scan")
    p.add_argument("code", metavar="CODE", help="badge code, national ID or mobile")
    p.add_argument("--event", required=True, metavar="ID")
    p.add_argument("--direction", choices=["in", "out"])
    p.add_argument("--json", action="store_true")

    p = add("attendance")
    p.add_argument("--event", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = add("certificates")
    p.add_argument("--event", metavar="ID", help="the event (not with --hours)")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--min-hours", type=float, metavar="H")
    p.add_argument("--per-person", action="store_true", help="one PDF per person")
    p.add_argument("--template", metavar="NAME")
    from fieldapp.commands import partners  # argparse only

    partners.add_hours_certificate_arguments(p)

    from fieldapp.commands.reports import add_report_kinds

    kinds = add("report").add_subparsers(dest="kind", required=True, metavar="KIND")
    add_report_kinds(kinds)
    partners.add_report_kinds(kinds)

    p = add("verify")
    p.add_argument("target", metavar="TEXT|FILE.pdf|FILE.png")
    p.add_argument("--name", help="the name printed on the certificate, to check it too")

    p = add("export")
    p.add_argument("--json", action="store_true", required=True)
    p.add_argument("--out", metavar="FILE", help="write to a file instead of standard output")

    p = add("backup")
    p.add_argument("target", nargs="?", metavar="FILE", help="default: DATA_DIR/backups/<time>.db")

    p = add("restore")
    p.add_argument("source", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--other-organisation",
        metavar="CODE",
        help="with --yes: the code of the backup's organisation, when it is not this laptop's",
    )

    p = add("settings")
    p.add_argument("key", nargs="?", metavar="KEY", help="e.g. certificates.verify_address")
    p.add_argument("value", nargs="?", metavar="VALUE", help="the new value (JSON, or plain text)")
    p.add_argument("--json", action="store_true")

    p = add("bench")
    p.add_argument("--quick", action="store_true", help="a smaller run (10,000 people)")
    p.add_argument("--json", action="store_true")

    p = add("enroll")
    p.add_argument("target", nargs="+", metavar="URL CODE", help="server URL and code, or the QR text alone")
    p.add_argument("--name", metavar="LAPTOP_NAME", help="how the server lists this laptop")
    p.add_argument("--ca-file", metavar="PEM", help="trust this certificate authority (TLS)")
    p.add_argument("--json", action="store_true")

    p = add("sync")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-verify", action="store_true", help="skip the digest comparison")
    add("sync-status").add_argument("--json", action="store_true")

    from fieldapp.commands import server  # argparse only: the server's modules load when it runs

    server.add_server_arguments(add("server"))
    server.add_admin_arguments(add("server-admin"))
    return parser


class _PrintableOutput:
    """stdout/stderr without control characters: a name stored with an ESC sequence (before names
    were cleaned, or from an old backup) must not drive the terminal it is printed to."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(strip_controls(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    # Every file the app writes (database, backups, exports, keys, PDFs) is this user's alone.
    os.umask(0o077)
    multiprocessing.freeze_support()  # the desktop build's child processes (core.isolated) start here
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _PrintableOutput(stdout), _PrintableOutput(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    command = args.command or "gui"
    module = importlib.import_module(f"fieldapp.commands.{COMMANDS[command][0]}")
    handler = getattr(module, "run_" + command.replace("-", "_"))
    from fieldapp.commands._context import CliContext

    ctx = CliContext.from_args(args)
    try:
        return int(handler(ctx, args) or 0)
    except FieldAppError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `fieldapp attendance … | head`: the reader left early, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except (OSError, DBAPIError, sqlite3.Error) as exc:
        problem = storage_problem(exc, ctx.data_dir.root)  # full, read-only, no permission: say so
        if problem is None:
            raise
        print(problem.message(), file=sys.stderr)
        return 2
    finally:
        ctx.close()
