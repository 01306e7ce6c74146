"""`fieldapp server` (the central server) and `fieldapp server-admin` (its administration).

Only argparse at import time: the server's modules (FastAPI, uvicorn, Alembic) load when one of
these commands runs, never when the desktop app starts.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from fieldapp.core import i18n

i18n.register(
    {
        "server.db_unreachable": (
            "تعذّر الوصول إلى قاعدة بيانات الخادم {url}: {detail}",
            "Cannot reach the server database {url}: {detail}",
        ),
        "server.tls_pair": (
            "الخياران --tls-cert و--tls-key يُعطيان معًا.",
            "--tls-cert and --tls-key go together.",
        ),
        "server.workers": ("عدد العمليات من 1 إلى 64.", "--workers must be 1 to 64."),
        "server.org_created": ("أُنشئت الجهة {code}: {name}", "Organisation {code} created: {name}"),
        "server.no_orgs": ("لا توجد جهات بعد.", "No organisations yet."),
        "server.code_made": (
            "رمز التسجيل للجهة {org}: {code} (صالح حتى {expires})",
            "Enrolment code for {org}: {code} (valid until {expires})",
        ),
        "server.qr_text": ("نص رمز QR: {text}", "QR text: {text}"),
        "server.qr_written": ("حُفظ رمز QR في {path}", "QR written to {path}"),
        "server.no_devices": ("لا توجد أجهزة مسجلة.", "No enrolled devices."),
        "server.revoked": ("أُزيل الجهاز {name} ({id}).", "Device {name} ({id}) revoked."),
        "server.user_saved": ("حُفظ المستخدم {username} ({role}).", "User {username} saved ({role})."),
        "server.user_disabled": ("أُوقف المستخدم {username}.", "User {username} disabled."),
        "server.no_users": ("لا يوجد مستخدمون.", "No users."),
        "server.password_prompt": ("كلمة المرور: ", "Password: "),
        "server.password_again": ("أعد كلمة المرور: ", "Password again: "),
        "server.password_mismatch": ("كلمتا المرور مختلفتان.", "The two passwords differ."),
        "server.epoch_rotated": ("حقبة الخادم الجديدة: {epoch}", "New server epoch: {epoch}"),
        "server.backup_done": ("نُسخت قاعدة بيانات الخادم إلى {path}", "Server database copied to {path}"),
    }
)


def add_server_arguments(p: argparse.ArgumentParser) -> None:
    _add_db_arguments(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL)")
    p.add_argument("--tls-cert", metavar="FILE")
    p.add_argument("--tls-key", metavar="FILE")


def _add_db_arguments(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: `fieldapp --data-dir D server-admin …` keeps D unless given again here.
    p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data directory (server.db)")
    p.add_argument("--db", metavar="URL", help="database URL (default: FIELDAPP_SERVER_DB, else SQLite)")


def add_admin_arguments(p: argparse.ArgumentParser) -> None:
    _add_db_arguments(p)
    sub = p.add_subparsers(dest="admin_command", metavar="COMMAND", required=True)
    c = sub.add_parser("create-org", help="create an organisation")
    c.add_argument("--name", required=True)
    c.add_argument("--code", required=True, help="2 to 8 Latin letters or digits")
    sub.add_parser("orgs", help="list organisations").add_argument("--json", action="store_true")
    c = sub.add_parser("enroll-code", help="a one-time code that enrols a laptop")
    c.add_argument("--org", required=True, metavar="CODE")
    c.add_argument("--expires-hours", type=float, default=24)
    c.add_argument("--server-url", default="http://127.0.0.1:8765", help="the URL laptops reach")
    c.add_argument("--png", metavar="FILE", help="also write the QR as PNG")
    c.add_argument("--json", action="store_true")
    c = sub.add_parser("devices", help="enrolled laptops of an organisation")
    c.add_argument("--org", required=True, metavar="CODE")
    c.add_argument("--json", action="store_true")
    sub.add_parser("revoke", help="revoke a laptop").add_argument("device_id", metavar="DEVICE_ID")
    c = sub.add_parser("users", help="central user accounts")
    c.add_argument("--org", required=True, metavar="CODE")
    users = c.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    u = users.add_parser("add")
    u.add_argument("username")
    u.add_argument("--name", required=True)
    u.add_argument("--role", required=True, choices=["coordinator", "supervisor", "admin"])
    u.add_argument("--password-stdin", action="store_true")
    u = users.add_parser("passwd")
    u.add_argument("username")
    u.add_argument("--password-stdin", action="store_true")
    users.add_parser("disable").add_argument("username")
    users.add_parser("list").add_argument("--json", action="store_true")
    sub.add_parser("rotate-epoch", help="after restoring the server from a backup")
    sub.add_parser("backup", help="copy the SQLite server database").add_argument("file", metavar="FILE")


def _open(ctx, args: argparse.Namespace):
    """The migrated engine for --db / FIELDAPP_SERVER_DB / DATA_DIR/server.db, and its URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from fieldapp.server import admin, migrate
    from fieldapp.server.db import make_engine, resolve_db_url
    from fieldapp.server.errors import ServerError

    url = resolve_db_url(args.db, ctx.data_dir.root)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        admin.ensure_server_state(engine)
    except OperationalError as exc:
        engine.dispose()
        shown = make_url(url).render_as_string(hide_password=True)
        raise ServerError("server.db_unreachable", url=shown, detail=str(exc.orig).strip()) from exc
    return engine, url


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(i18n.msg("server.password_prompt"))
    if getpass.getpass(i18n.msg("server.password_again")) != first:
        from fieldapp.server.errors import ServerError

        raise ServerError("server.password_mismatch")
    return first


def run_server(ctx, args: argparse.Namespace) -> int:
    from fieldapp.server.errors import ServerError
    from fieldapp.server.runner import serve

    if bool(args.tls_cert) != bool(args.tls_key):
        raise ServerError("server.tls_pair")
    if not 1 <= args.workers <= 64:
        raise ServerError("server.workers")
    engine, url = _open(ctx, args)
    engine.dispose()
    return serve(url, args.host, args.port, args.workers, args.tls_cert, args.tls_key)


def run_server_admin(ctx, args: argparse.Namespace) -> int:
    engine, _url = _open(ctx, args)
    try:
        return _dispatch(ctx, args, engine)
    finally:
        engine.dispose()


def print_rows(ctx, rows: list[dict[str, Any]], as_json: bool, empty_key: str, columns: list[str]) -> None:
    if as_json:
        ctx.print_json(rows)
    elif not rows:
        print(i18n.msg(empty_key))
    else:
        for row in rows:
            print("  ".join("-" if row[c] is None else str(row[c]) for c in columns))


def write_png(text: str, path: str) -> Path:
    import segno

    target = Path(path)
    segno.make(text, error="m").save(str(target), scale=8, border=4)
    return target


def _dispatch(ctx, args: argparse.Namespace, engine) -> int:
    from fieldapp.server import admin

    command = args.admin_command
    if command == "create-org":
        org = admin.create_org(engine, args.name, args.code)
        print(i18n.msg("server.org_created", code=org["code"], name=org["name"]))
    elif command == "orgs":
        print_rows(ctx, admin.list_orgs(engine), args.json, "server.no_orgs", ["code", "name", "id"])
    elif command == "enroll-code":
        _enroll_code(ctx, args, engine)
    elif command == "devices":
        columns = [
            "id",
            "short_code",
            "name",
            "app_version",
            "last_seen_at",
            "pending_ops_reported",
            "revoked_at",
        ]
        print_rows(ctx, admin.list_devices(engine, args.org), args.json, "server.no_devices", columns)
    elif command == "revoke":
        device = admin.revoke_device(engine, args.device_id)
        print(i18n.msg("server.revoked", name=device["name"], id=device["id"]))
    elif command == "users":
        _users(ctx, args, engine)
    elif command == "rotate-epoch":
        print(i18n.msg("server.epoch_rotated", epoch=admin.rotate_epoch(engine)))
    elif command == "backup":
        path = admin.backup(engine, Path(args.file).expanduser().resolve())
        print(i18n.msg("server.backup_done", path=path))
    return 0


def _enroll_code(ctx, args: argparse.Namespace, engine) -> None:
    from fieldapp.server import admin

    made = admin.make_enroll_code(engine, args.org, args.expires_hours, args.server_url)
    if args.png:
        made["png"] = str(write_png(made["qr_text"], args.png))
    if args.json:
        ctx.print_json(made)
        return
    print(
        i18n.msg("server.code_made", org=made["organisation"], code=made["code"], expires=made["expires_at"])
    )
    print(i18n.msg("server.qr_text", text=made["qr_text"]))
    if args.png:
        print(i18n.msg("server.qr_written", path=made["png"]))


def _users(ctx, args: argparse.Namespace, engine) -> None:
    from fieldapp.server import admin

    action = args.users_command
    if action == "list":
        rows = admin.list_users(engine, args.org)
        print_rows(ctx, rows, args.json, "server.no_users", ["username", "role", "active", "display_name"])
        return
    if action == "disable":
        user = admin.disable_user(engine, args.org, args.username)
        print(i18n.msg("server.user_disabled", username=user["username"]))
        return
    if action == "add":
        admin.org_by_code_exists(engine, args.org)  # before asking for a password
        password = _password(args.password_stdin)
        user = admin.add_user(engine, args.org, args.username, args.name, args.role, password)
    else:
        password = _password(args.password_stdin)
        user = admin.set_password(engine, args.org, args.username, password)
    print(i18n.msg("server.user_saved", username=user["username"], role=user["role"]))
