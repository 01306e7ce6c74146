"""A scripted organisation for deterministic sync scenarios: a real server process, laptops opened
in this process (each its own SQLite data directory and clock offset), backup and restore.

    with Scenario(tmp_path, laptops=2) as org:
        a, b = org.laptops
        a.services.people.update(...); org.sync(a, b, a)
        org.backup(); ...; org.restore()

Used by the xfail(strict) reproductions of the bugs the harness found (test_convergence.py).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.server import admin
from fieldapp.server.db import is_sqlite, make_engine
from fieldapp.server.models import Organisation, SyncRow
from fieldapp.services import Services
from fieldapp.services.people import PersonInput
from fieldapp.services.sync_round import SyncReport
from fieldapp.store.db import Store
from fieldapp.store.models import Conflict, Outbox
from tests.sync.harness.laptop import set_clock
from tests.sync.harness.ops import ACTOR
from tests.sync.harness.run import ORG, ServerProcess, _pg_restore, free_port


@dataclass
class ScenarioLaptop:
    index: int
    store: Store
    services: Services

    def set_notes(self, person_id: str, notes: str) -> None:
        view = self.services.people.get(person_id)
        self.services.people.update(
            person_id,
            PersonInput(
                full_name=view.full_name,
                latin_name=view.latin_name,
                national_id=view.national_id,
                mobile=view.mobile,
                notes=notes,
            ),
        )

    def notes(self, person_id: str) -> str:
        return self.services.people.get(person_id).notes

    def conflicts(self) -> list[dict[str, Any]]:
        with self.store.reader() as s:
            return [
                {"remote_id": c.remote_id, "row_id": c.row_id, "field": c.field, "lost_value": c.lost_value}
                for c in s.scalars(select(Conflict))
            ]

    def set_aside(self) -> list[tuple[str, str]]:
        with self.store.reader() as s:
            return [
                (o.table_name, o.detail)
                for o in s.scalars(select(Outbox).where(Outbox.status == "set_aside"))
            ]


class Scenario:
    def __init__(self, root: Path, laptops: int = 2, offsets_ms: list[int] | None = None, db_url: str = ""):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.db_url = db_url or f"sqlite:///{root / 'server.db'}"
        self.server = ServerProcess(self.db_url, free_port(), root / "server.log", 1, None)
        self.offsets = offsets_ms or [0] * laptops
        self.laptops: list[ScenarioLaptop] = []
        self.backup_file = root / ("backup.db" if is_sqlite(self.db_url) else "backup.dump")

    def __enter__(self) -> Scenario:
        self.server.start()
        engine = make_engine(self.db_url)
        try:
            admin.create_org(engine, "Scenario", ORG)
            codes = [admin.make_enroll_code(engine, ORG, 1, self.server.base)["code"] for _ in self.offsets]
        finally:
            engine.dispose()
        for i, (offset, code) in enumerate(zip(self.offsets, codes, strict=True)):
            data = DataDir(self.root / f"laptop{i}")
            store = Store.open(data.database, data.backups)
            set_clock(store, offset)
            services = Services(store, ACTOR)
            services.sync_state.enrol(self.server.base, code, f"Scenario laptop {i}")
            self.laptops.append(ScenarioLaptop(i, store, services))
        return self

    def __exit__(self, *exc: object) -> None:
        for laptop in self.laptops:
            laptop.store.close()
        self.server.kill()

    def sync(self, *laptops: ScenarioLaptop) -> list[SyncReport]:
        return [laptop.services.sync.run() for laptop in laptops]

    def backup(self) -> None:
        if is_sqlite(self.db_url):
            assert cli.main(["server-admin", "--db", self.db_url, "backup", str(self.backup_file)]) == 0
        else:
            import subprocess

            from tests.sync.harness.run import _pg_args

            url = make_url(self.db_url)
            subprocess.run(
                ["pg_dump", "-Fc", *_pg_args(url), "-f", str(self.backup_file), url.database], check=True
            )

    def restore(self) -> None:
        self.server.kill()
        if is_sqlite(self.db_url):
            database = Path(make_url(self.db_url).database)
            for suffix in ("-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.backup_file, database)
        else:
            _pg_restore(self.db_url, self.backup_file)
        assert cli.main(["server-admin", "--db", self.db_url, "rotate-epoch"]) == 0
        self.server.start()

    def server_rows(self, table: str) -> dict[str, dict[str, Any]]:
        engine = make_engine(self.db_url)
        try:
            with engine.connect() as conn:
                org_id = conn.scalar(select(Organisation.id).where(Organisation.code == ORG))
                rows = conn.execute(
                    select(SyncRow.row_id, SyncRow.data).where(
                        SyncRow.org_id == org_id, SyncRow.table_name == table
                    )
                )
                return {rid: json.loads(data) for rid, data in rows}
        finally:
            engine.dispose()
