"""export --json, backup, restore."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import func, select

from fieldapp.commands._context import CliContext
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.services import Services
from fieldapp.services.users import FIRST_RUN
from fieldapp.store import migrate, restore
from fieldapp.store.backup import backup_database
from fieldapp.store.db import Store
from fieldapp.store.engine import private_dir
from fieldapp.store.models import AppUser, Base, SyncState
from fieldapp.store.unit_of_work import audit, to_json_value

i18n.register(
    {
        "backup.done": ("نُسخت قاعدة البيانات إلى {path}", "Database copied to {path}"),
        "restore.confirm": (
            "ستحل النسخة {source} ({backup_people} شخصًا) محل بيانات هذا الجهاز الحالية ({current_people} شخصًا)؛ تُحفظ نسخة منها أولًا. اكتب نعم للمتابعة: ",
            "The backup {source} ({backup_people} people) will replace this laptop's current data "
            "({current_people} people); a copy is kept first. Type yes to go on: ",
        ),
        "restore.other_org": (
            "تنبيه: هذه النسخة لجهة أخرى: «{backup_org}» ({backup_code})، وهذا الجهاز لـ«{current_org}» ({current_code}). ستحل بيانات «{backup_org}» ({backup_people} شخصًا) محل بيانات «{current_org}» ({current_people} شخصًا)، ويُلغى تسجيل الجهاز في الخادم حتى يُسجَّل من جديد.",
            "Warning: this backup is of another organisation: “{backup_org}” ({backup_code}), and this "
            "laptop is “{current_org}” ({current_code})'s. The data of “{backup_org}” ({backup_people} people) "
            "will replace that of “{current_org}” ({current_people} people), and this laptop's enrolment "
            "with the server ends until it is enrolled again.",
        ),
        "restore.type_code": (
            "اكتب رمز الجهة {backup_code} للمتابعة: ",
            "Type the organisation code {backup_code} to go on: ",
        ),
        "restore.other_org_flag": (
            "النسخة لجهة أخرى ({backup_code})، وهذا الجهاز لـ({current_code}): أضف --other-organisation {backup_code} مع --yes إن كان هذا مقصودًا. لم يتغير شيء.",
            "The backup is of another organisation ({backup_code}) and this laptop is {current_code}'s: "
            "add --other-organisation {backup_code} with --yes if that is meant. Nothing was changed.",
        ),
        "restore.cancelled": ("أُلغيت الاستعادة؛ لم يتغير شيء.", "Restore cancelled; nothing changed."),
        "restore.done": (
            "استُعيدت النسخة {source}. نسخة من البيانات السابقة في {kept}",
            "Restored {source}. A copy of the previous data is in {kept}",
        ),
    }
)

# Never leave the laptop, even in an audit export.
# Never exported: password hashes, and the laptop's bearer token for the central server.
_SECRET_COLUMNS = {AppUser.__tablename__: {"password_hash"}, SyncState.__tablename__: {"token"}}
_EXPORT_BATCH = 1000  # rows fetched from SQLite at a time


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    """Every table, every row (tombstones and voids included), as one JSON document, streamed.

    Rows are written as they are read (memory stays flat whatever the size), all from one read
    transaction (one consistent snapshot; in WAL mode a reader never blocks the desk's writes).
    A file is written beside its target and renamed when complete.
    """
    require(ctx.actor, "export.all")
    store = ctx.store
    if not args.out:
        _write_export(store, sys.stdout)
        return 0
    target = Path(args.out)
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as out:
            _write_export(store, out)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return 0


def _write_export(store: Store, out: TextIO) -> None:
    tables = Base.metadata.sorted_tables
    with store.reader() as r:
        # One snapshot: a reader's transaction BEGINs DEFERRED at its first read (store.engine),
        # so in WAL mode it never blocks the desk's writes.
        counts = {t.name: r.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
        head = {
            "format": "fieldapp-export/1",
            "exported_at": dt.datetime.now(dt.UTC).isoformat(),
            "device_id": store.device_id,
            "schema_revision": migrate.head_revision(),
            "counts": counts,
        }
        out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "tables": {')
        for number, table in enumerate(tables):
            hidden = _SECRET_COLUMNS.get(table.name, set())
            columns = [c for c in table.columns if c.name not in hidden]
            out.write(("," if number else "") + f"\n  {json.dumps(table.name)}: [")
            rows = r.execute(select(*columns).execution_options(yield_per=_EXPORT_BATCH)).mappings()
            for index, row in enumerate(rows):
                line = json.dumps({k: to_json_value(v) for k, v in row.items()}, ensure_ascii=False)
                out.write(("," if index else "") + "\n   " + line)
            out.write("\n  ]")
        out.write("\n }\n}\n")


def run_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    require(ctx.actor, "backup")
    store = ctx.store  # opening also migrates, so the copy is at the current schema
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(args.target) if args.target else private_dir(ctx.data_dir.backups) / f"fieldapp-{stamp}.db"
    backup_database(store.path, target)
    _audit(ctx, "data.backup", str(target), ctx.actor.user_name)
    print(i18n.msg("backup.done", path=str(target)))
    return 0


def run_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    """Check the backup in full, confirm (naming both organisations when they differ), then put it
    in place keeping this laptop's identity (store.restore)."""
    target = ctx.data_dir.database
    current = restore.contents_of(ctx.store.path)  # the store exists now: this laptop's identity
    # A new laptop (no user, nobody on it) may take its backup as its first step, as the first run
    # may make the first administrator; anywhere else an administrator signs in.
    empty = current.people == 0 and Services(ctx.store, None).users.count() == 0
    who = FIRST_RUN if empty else ctx.actor.user_name
    if not empty:
        require(ctx.actor, "restore")
    staged = restore.stage(Path(args.source), ctx.data_dir.root)
    try:
        if not _confirmed(args, staged.contents, current):
            print(i18n.msg("restore.cancelled"))
            return 1
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = private_dir(ctx.data_dir.backups) / f"before-restore-{stamp}.db"
        ctx.close()
        restore.put_in_place(staged, target, kept)
    finally:
        staged.discard()
    _audit(ctx, "data.restore", f"{args.source} (kept {kept.name})", who)
    print(i18n.msg("restore.done", source=str(args.source), kept=str(kept)))
    return 0


def _confirmed(args: argparse.Namespace, backup: restore.Contents, current: restore.Contents) -> bool:
    counts = {"backup_people": backup.people, "current_people": current.people}
    other = backup.organisation is not None and not backup.organisation.same_as(current.organisation)
    if other:
        names = {
            "backup_org": backup.organisation.name,
            "backup_code": backup.organisation.code,
            "current_org": current.organisation.name,
            "current_code": current.organisation.code,
        }
        if args.yes:
            if (args.other_organisation or "").casefold() != backup.organisation.code.casefold():
                raise ValidationError("restore.other_org_flag", field="other_organisation", **names)
            return True
        print(i18n.msg("restore.other_org", **names, **counts))
        answer = _ask(i18n.msg("restore.type_code", **names))
        return answer.casefold() == backup.organisation.code.casefold()
    if args.yes:
        return True
    answer = _ask(i18n.msg("restore.confirm", source=str(args.source), **counts)).lower()
    return answer in {"yes", "y", "نعم"}


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:  # nobody to answer (a script without --yes): no
        return ""


def _audit(ctx: CliContext, action: str, detail: str, user_name: str) -> None:
    with ctx.store.session(user_name) as session:
        audit(session, action, detail)
