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
from fieldapp.core.errors import FieldAppError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.store import migrate
from fieldapp.store.backup import backup_database, restore_database
from fieldapp.store.db import Store
from fieldapp.store.models import AppUser, Base, SyncState
from fieldapp.store.unit_of_work import to_json_value

i18n.register(
    {
        "backup.done": ("نُسخت قاعدة البيانات إلى {path}", "Database copied to {path}"),
        "restore.missing": ("ملف النسخة الاحتياطية غير موجود: {path}", "Backup file not found: {path}"),
        "restore.bad": (
            "الملف {path} ليس نسخة احتياطية سليمة من ميدان: {detail}",
            "{path} is not a sound FieldApp backup: {detail}",
        ),
        "restore.confirm": (
            "ستحل النسخة {source} محل بيانات هذا الجهاز الحالية (ستُحفظ نسخة منها أولًا). اكتب نعم للمتابعة: ",
            "The backup {source} will replace this laptop's current data (a copy is kept first). Type yes to go on: ",
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
        r.connection().exec_driver_sql("BEGIN")  # deferred: a snapshot, no lock on writers
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
    store = ctx.store  # opening also migrates, so the copy is at the current schema
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(args.target) if args.target else ctx.data_dir.backups / f"fieldapp-{stamp}.db"
    backup_database(store.path, target)
    print(i18n.msg("backup.done", path=str(target)))
    return 0


def run_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    require(ctx.actor, "restore")
    source = Path(args.source)
    if not source.is_file():
        raise ValidationError("restore.missing", path=str(source))
    try:
        revision = migrate.current_revision(source)
        problem = migrate.integrity_problem(source)
    except FieldAppError as exc:
        raise ValidationError("restore.bad", path=str(source), detail=exc.message()) from exc
    except Exception as exc:
        raise ValidationError("restore.bad", path=str(source), detail=str(exc)) from exc
    if revision is None or problem:
        raise ValidationError("restore.bad", path=str(source), detail=problem or "no schema")
    if not args.yes:
        answer = input(i18n.msg("restore.confirm", source=str(source))).strip().lower()
        if answer not in {"yes", "y", "نعم"}:
            print(i18n.msg("restore.cancelled"))
            return 1
    target = ctx.data_dir.database
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = ctx.data_dir.backups / f"before-restore-{stamp}.db"
    ctx.close()
    restore_database(source, target, keep_copy_of_current=kept if target.exists() else None)
    ctx.store  # noqa: B018 — open once more: migrates an older backup up to this version
    print(i18n.msg("restore.done", source=str(source), kept=str(kept)))
    return 0
