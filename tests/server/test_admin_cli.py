"""`fieldapp server-admin …` through fieldapp.cli.main, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.server.db import make_engine, read_session
from fieldapp.server.models import CentralUser, EnrollmentCode, ServerState


def admin(url, *args):
    return main(["server-admin", "--db", url, *args])


def test_organisations_are_created_listed_and_validated(server_db, capsys):
    assert admin(server_db, "create-org", "--name", "Riyadh Municipality", "--code", "ruh") == 0
    assert "RUH" in capsys.readouterr().out
    assert admin(server_db, "create-org", "--name", "Other", "--code", "RUH") == 2
    assert "taken" in capsys.readouterr().err
    assert admin(server_db, "create-org", "--name", "Bad", "--code", "R") == 2
    assert admin(server_db, "create-org", "--name", "Bad", "--code", "RÜH") == 2
    err = capsys.readouterr().err
    assert "2 to 8 Latin letters" in err and "Traceback" not in err
    assert admin(server_db, "orgs", "--json") == 0
    orgs = json.loads(capsys.readouterr().out)
    assert [(o["code"], o["name"]) for o in orgs] == [("RUH", "Riyadh Municipality")]


def test_messages_in_arabic(server_db, capsys):
    assert main(["--lang", "ar", "server-admin", "--db", server_db, "devices", "--org", "NONE"]) == 2
    assert "لا توجد جهة" in capsys.readouterr().err


def test_enroll_code_stores_only_its_hash_and_writes_a_qr(migrated_db, tmp_path, capsys):
    png = tmp_path / "qr.png"
    args = ["enroll-code", "--org", "RUH", "--server-url", "https://srv.example.sa:8765", "--png", str(png)]
    assert admin(migrated_db, *args, "--json") == 0
    made = json.loads(capsys.readouterr().out)
    code = made["code"].replace("-", "")
    assert len(code) == 10 and made["code"].count("-") == 2
    assert made["qr_text"] == f"FIELDAPP1 https://srv.example.sa:8765 {code}"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import zxingcpp
    from PIL import Image

    decoded = zxingcpp.read_barcodes(Image.open(png))
    assert [d.text for d in decoded] == [made["qr_text"]]
    engine = make_engine(migrated_db)
    with read_session(engine) as s:
        stored = s.scalars(select(EnrollmentCode.code_hash)).all()
    engine.dispose()
    assert len(stored) == 1 and code not in stored[0]
    assert admin(migrated_db, "enroll-code", "--org", "NOPE") == 2
    assert admin(migrated_db, "enroll-code", "--org", "RUH", "--expires-hours", "-1") == 2


def test_devices_and_revoke(client, migrated_db, capsys):
    from tests.server.conftest import enroll_body, new_code

    body = enroll_body(new_code(migrated_db))
    assert client.post("/v1/enroll", json=body).status_code == 200
    assert admin(migrated_db, "devices", "--org", "RUH", "--json") == 0
    (device,) = json.loads(capsys.readouterr().out)
    assert device["id"] == body["device_id"] and device["short_code"] == "AB12"
    assert device["app_version"] == "0.1.0" and device["last_seen_at"] and device["revoked_at"] is None
    assert device["pending_ops_reported"] == 0
    assert admin(migrated_db, "devices", "--org", "JED", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []  # scoped to the organisation
    assert admin(migrated_db, "revoke", body["device_id"]) == 0
    assert admin(migrated_db, "revoke", "no-such-device") == 2
    capsys.readouterr()
    assert admin(migrated_db, "devices", "--org", "RUH", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["revoked_at"]


def test_users_add_passwd_disable_list(migrated_db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("secret1\n"))
    add = [
        "users",
        "--org",
        "RUH",
        "add",
        "Sara",
        "--name",
        "Sara Q",
        "--role",
        "coordinator",
        "--password-stdin",
    ]
    assert admin(migrated_db, *add) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("secret1\n"))
    assert admin(migrated_db, *add) == 2  # the same user name again
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        admin(
            migrated_db,
            "users",
            "--org",
            "JED",
            "add",
            "x1x",
            "--name",
            "X",
            "--role",
            "admin",
            "--password-stdin",
        )
        == 2
    )
    assert "at least 6" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another-pass\n"))
    assert admin(migrated_db, "users", "--org", "RUH", "passwd", "sara", "--password-stdin") == 0
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "typed-pass")
    assert (
        admin(migrated_db, "users", "--org", "RUH", "add", "omar", "--name", "Omar", "--role", "admin") == 0
    )
    assert admin(migrated_db, "users", "--org", "RUH", "disable", "omar") == 0
    assert admin(migrated_db, "users", "--org", "JED", "disable", "omar") == 2  # another organisation's user
    capsys.readouterr()
    assert admin(migrated_db, "users", "--org", "RUH", "list", "--json") == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["sara"]["role"] == "coordinator" and users["sara"]["active"]
    assert not users["omar"]["active"]
    engine = make_engine(migrated_db)
    with read_session(engine) as s:
        hashes = dict(s.execute(select(CentralUser.username, CentralUser.password_hash)).all())
    engine.dispose()
    assert PasswordHasher().verify(hashes["sara"], "another-pass")
    assert PasswordHasher().verify(hashes["omar"], "typed-pass")
    assert admin(migrated_db, "users", "--org", "JED", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_rotate_epoch_changes_the_epoch(migrated_db, capsys):
    engine = make_engine(migrated_db)

    def epoch():
        with read_session(engine) as s:
            return s.get(ServerState, 1).epoch

    before = epoch()
    assert len(before) == 32 and int(before, 16) >= 0
    assert admin(migrated_db, "rotate-epoch") == 0
    after = epoch()
    engine.dispose()
    assert after != before and after in capsys.readouterr().out


def test_backup(migrated_db, tmp_path, capsys):
    target = tmp_path / "copy" / "server-backup.db"
    code = admin(migrated_db, "backup", str(target))
    if migrated_db.startswith("postgresql"):
        assert code == 2 and "pg_dump" in capsys.readouterr().err
        return
    assert code == 0 and target.exists()
    assert admin(f"sqlite:///{target}", "orgs", "--json") == 0
    assert {o["code"] for o in json.loads(capsys.readouterr().out.split("\n", 1)[1])} == {"RUH", "JED"}


def test_data_dir_default_and_env(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("FIELDAPP_SERVER_DB", raising=False)
    assert (
        main(["server-admin", "--data-dir", str(tmp_path), "create-org", "--name", "A", "--code", "AA"]) == 0
    )
    assert (tmp_path / "server.db").exists()
    monkeypatch.setenv("FIELDAPP_SERVER_DB", f"sqlite:///{tmp_path / 'other.db'}")
    assert main(["server-admin", "--data-dir", str(tmp_path), "orgs", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1]) == []


@pytest.mark.parametrize("url", ["postgresql+psycopg://nobody@127.0.0.1:1/none"])
def test_an_unreachable_database_is_a_message(url, capsys):
    assert main(["server-admin", "--db", url, "orgs"]) == 2
    err = capsys.readouterr().err
    assert "Cannot reach the server database" in err and "Traceback" not in err
