"""backup / restore with SQLite's online backup, and the JSON export, through the real CLI."""

from __future__ import annotations

import json
import sqlite3
import threading

from fieldapp.cli import main
from fieldapp.store.db import Store
from fieldapp.store.models import Person


def _people(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        con.close()


def test_backup_while_writing_then_restore(tmp_path, capsys, cli_user):
    data = tmp_path / "data"
    cli_user(data)
    store = Store.open(data / "fieldapp.db")
    with store.session("test") as s:
        s.add_all([Person(full_name=f"متطوع {i}") for i in range(500)])

    stop = threading.Event()

    def keep_writing():  # the app keeps checking people in while the backup runs
        while not stop.is_set():
            with store.session("test") as s:
                s.add(Person(full_name="زائر"))

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert main(["--data-dir", str(data), "backup", str(tmp_path / "copy.db")]) == 0
    finally:
        stop.set()
        writer.join()
    copied = _people(tmp_path / "copy.db")
    assert copied >= 500
    con = sqlite3.connect(tmp_path / "copy.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

    with store.session("test") as s:
        s.add(Person(full_name="بعد النسخ"))
    store.close()
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "copy.db"), "--yes"]) == 0
    assert _people(data / "fieldapp.db") == copied
    kept = list((data / "backups").glob("before-restore-*.db"))
    assert len(kept) == 1 and _people(kept[0]) > copied


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, capsys, cli_user):
    cli_user(tmp_path / "d")
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"\x00garbage" * 1000)
    assert main(["--data-dir", str(tmp_path / "d"), "--lang", "ar", "restore", str(bogus), "--yes"]) == 2
    assert "ليس نسخة احتياطية سليمة" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "d"), "restore", str(tmp_path / "none.db"), "--yes"]) == 2


def test_export_has_every_table_and_no_password_hashes(tmp_path, capsys, cli_user):
    data = tmp_path / "data"
    store = Store.open(data / "fieldapp.db")
    with store.session("test") as s:
        s.add(Person(full_name="عبدالله بن خميس الزايدي", national_id="1000000008"))
    from fieldapp.services import Services

    Services(store, None).users.create("admin", "المدير", "admin", "secret123")
    store.close()
    cli_user(data)
    assert main(["--data-dir", str(data), "export", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["person"] == 1 and doc["counts"]["outbox"] == 1
    assert doc["tables"]["person"][0]["full_name"] == "عبدالله بن خميس الزايدي"
    assert "password_hash" not in doc["tables"]["app_user"][0]
    assert {"scan", "handover", "void", "certificate", "audit_log"} <= set(doc["tables"])


def test_export_leaves_out_the_laptops_server_token(tmp_path, capsys, cli_user):
    import datetime as dt

    from fieldapp.store.models import SyncState

    data = tmp_path / "data"
    store = Store.open(data / "fieldapp.db")
    with store.session("test") as s:
        s.add(
            SyncState(
                server_url="https://sync.example.sa:8765",
                org_id="org-1",
                org_code="TAIF",
                org_name="أمانة محافظة الطائف",
                device_short_code="B53Z",
                token="secret-bearer-token",
                server_epoch="e1",
                enrolled_at=dt.datetime.now(dt.UTC),
                enrolled_by="sara",
            )
        )
    store.close()
    cli_user(data)
    assert main(["--data-dir", str(data), "export", "--json"]) == 0
    out = capsys.readouterr().out
    (state,) = json.loads(out)["tables"]["sync_state"]
    assert state["org_code"] == "TAIF" and "token" not in state
    assert "secret-bearer-token" not in out
