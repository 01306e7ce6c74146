"""Broken disks and backups: a full disk, a read-only folder or medium, a folder given as a backup
file, and backups that cannot or should not simply replace this laptop's data.

Full and read-only disks are real: a tiny or read-only tmpfs mounted in a mount namespace of its own
(`unshare -rm`, which needs no root where user namespaces are allowed, and vanishes with the
process). A chmod would not do: root writes through it. Where no namespace can be made, those
tests skip and say so.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.people import PersonInput
from fieldapp.store.backup import backup_database
from fieldapp.store.db import Store
from tests.cli_user import PASSWORD, USERNAME


def _unshare_works() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _unshare_works(), reason="no mount namespace here (unshare -rm): cannot mount a tiny tmpfs"
)


def in_own_mounts(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`script` (sh) in a mount namespace of its own; $FIELDAPP runs the CLI, signed in."""
    env = {
        **os.environ,
        "FIELDAPP": f"{sys.executable} -m fieldapp",
        "FIELDAPP_USER": USERNAME,
        "FIELDAPP_PASSWORD": PASSWORD,
    }
    return subprocess.run(
        ["unshare", "-rm", "sh", "-euc", script, "sh", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _laptop(root: Path, people: int = 3, org: str | None = None) -> Path:
    """A data directory with `people` people, an administrator the CLI signs in as, and
    optionally an organisation (its short code)."""
    store = Store.open(root / "fieldapp.db")
    try:
        services = Services(store, Actor("sara", "admin"))
        services.users.create(USERNAME, "CLI admin", "admin", PASSWORD)
        if org:
            services.organisation.create(f"جهة {org}", org, "الطائف")
        for i in range(people):
            services.people.create(PersonInput(f"شخص {i}", mobile=f"05500000{i:02d}"))
    finally:
        store.close()
    return root


def _query(path: Path, sql: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- full and read-only disks ---------------------------------------------------------------


@needs_mounts
def test_a_full_disk_says_the_disk_is_full_in_both_languages(tmp_path):
    data = _laptop(tmp_path / "d")
    (tmp_path / "m").mkdir()
    done = in_own_mounts(
        """
        mount -t tmpfs -o size=600k tmpfs "$1"
        cp -a "$2" "$1/d"
        head -c 500000 /dev/zero > "$1/filler" 2>/dev/null || true
        $FIELDAPP --data-dir "$1/d" --lang en backup "$1/d/copy.db" && exit 9 || echo "rc=$?"
        $FIELDAPP --data-dir "$1/d" --lang ar backup "$1/d/copy.db" || echo "rc=$?"
        ls "$1/d"
        """,
        str(tmp_path / "m"),
        str(data),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("rc=2") == 2
    assert "is full" in done.stderr and "ممتلئ" in done.stderr
    assert "Traceback" not in done.stderr and "not a FieldApp database" not in done.stderr
    assert ".part" not in done.stdout and "copy.db" not in done.stdout


@needs_mounts
def test_a_database_on_a_full_disk_says_so_and_keeps_what_was_saved(tmp_path):
    data = _laptop(tmp_path / "d", people=3)
    (tmp_path / "m").mkdir()
    roster = tmp_path / "roster.csv"
    rows = "\n".join(f"متطوع رقم {i} من القائمة الطويلة,05{i:08d}" for i in range(2000))
    roster.write_text("الاسم,الجوال\n" + rows + "\n", encoding="utf-8")
    done = in_own_mounts(
        """
        size=$(du -sk "$2" | cut -f1)
        mount -t tmpfs -o size=$((size + 96))k tmpfs "$1"
        cp -a "$2" "$1/d"
        $FIELDAPP --data-dir "$1/d" --lang en import-roster "$3" || echo "rc=$?"
        sqlite3_check=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA integrity_check').fetchone()[0], c.execute('SELECT count(*) FROM person').fetchone()[0])" "$1/d/fieldapp.db")
        echo "after: $sqlite3_check"
        """,
        str(tmp_path / "m"),
        str(data),
        str(roster),
    )
    assert done.returncode == 0, done.stderr
    assert "rc=2" in done.stdout, done.stdout
    assert "is full" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "not a FieldApp database" not in done.stderr
    after = done.stdout.split("after: ")[1].split()
    assert after[0] == "ok" and int(after[1]) >= 3  # nothing saved before is lost


@needs_mounts
def test_a_read_only_data_folder_says_read_only_not_a_bad_database(tmp_path):
    data = _laptop(tmp_path / "d")
    (tmp_path / "m").mkdir()
    done = in_own_mounts(
        """
        mount -t tmpfs -o size=20m tmpfs "$1"
        cp -a "$2" "$1/d"
        mount -o remount,ro "$1"
        $FIELDAPP --data-dir "$1/d" --lang en find "شخص" || echo "rc=$?"
        $FIELDAPP --data-dir "$1/d" --lang ar find "شخص" || echo "rc=$?"
        """,
        str(tmp_path / "m"),
        str(data),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("rc=2") == 2, done.stdout
    assert "read-only storage" in done.stderr and "للقراءة فقط" in done.stderr
    assert "Traceback" not in done.stderr and "not a FieldApp database" not in done.stderr


@needs_mounts
def test_backup_to_a_write_protected_medium_says_so_and_leaves_no_part_file(tmp_path):
    data = _laptop(tmp_path / "d")
    (tmp_path / "m").mkdir()
    done = in_own_mounts(
        """
        mount -t tmpfs -o size=20m,ro tmpfs "$1"
        $FIELDAPP --data-dir "$2" --lang en backup "$1/copy.db" || echo "rc=$?"
        ls -A "$1" | wc -l
        """,
        str(tmp_path / "m"),
        str(data),
    )
    assert done.returncode == 0, done.stderr
    assert "rc=2" in done.stdout and done.stdout.split()[-1] == "0"  # nothing left on the stick
    assert "read-only storage" in done.stderr and "Traceback" not in done.stderr


@needs_mounts
def test_restore_from_a_write_protected_medium_works_and_only_reads_it(tmp_path):
    source = _laptop(tmp_path / "a", people=5)
    backup = tmp_path / "a.db"
    backup_database(source / "fieldapp.db", backup)
    target = _laptop(tmp_path / "b", people=1)
    (tmp_path / "m").mkdir()
    done = in_own_mounts(
        """
        mount -t tmpfs -o size=20m tmpfs "$1"
        cp "$2" "$1/backup.db"
        before=$(sha256sum "$1/backup.db")
        mount -o remount,ro "$1"
        $FIELDAPP --data-dir "$3" --lang en restore "$1/backup.db" --yes
        after=$(sha256sum "$1/backup.db")
        [ "$before" = "$after" ] && echo "backup untouched"
        """,
        str(tmp_path / "m"),
        str(backup),
        str(target),
    )
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout and "backup untouched" in done.stdout
    assert _query(target / "fieldapp.db", "SELECT count(*) FROM person") == 5


# --- backups -------------------------------------------------------------------------------


def test_backup_to_a_folder_path_says_give_a_file_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    data = _laptop(tmp_path / "d")
    monkeypatch.setenv("FIELDAPP_USER", USERNAME)
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
    folder = tmp_path / "usb"
    folder.mkdir()
    assert main(["--data-dir", str(data), "--lang", "en", "backup", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob("*.part"))
    assert main(["--data-dir", str(data), "--lang", "ar", "backup", str(folder)]) == 2
    assert "مجلد" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "backup", str(folder / "copy.db")]) == 0
    assert os.name != "posix" or (folder / "copy.db").stat().st_mode & 0o077 == 0  # this user's alone


# --- restore -------------------------------------------------------------------------------


@pytest.fixture
def signed_in(monkeypatch):
    monkeypatch.setenv("FIELDAPP_USER", USERNAME)
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)


def test_a_newer_backup_is_refused_before_anything_changes(tmp_path, capsys, signed_in):
    source = _laptop(tmp_path / "a", people=5)
    backup = tmp_path / "newer.db"
    assert main(["--data-dir", str(source), "backup", str(backup)]) == 0
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    target = _laptop(tmp_path / "b", people=2)
    live = target / "fieldapp.db"
    revision = _query(live, "SELECT version_num FROM alembic_version")
    backup_sha = _sha(backup)

    assert main(["--data-dir", str(target), "--lang", "en", "restore", str(backup), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "newer version" in err and "9999" in err and "Nothing was changed" in err
    assert _query(live, "SELECT count(*) FROM person") == 2
    assert _query(live, "SELECT version_num FROM alembic_version") == revision
    assert _sha(backup) == backup_sha
    assert not list((target / "backups").glob("before-restore-*")) if (target / "backups").exists() else True
    assert not (target / "restoring").exists() or not list((target / "restoring").iterdir())
    # every later command still works
    assert main(["--data-dir", str(target), "find", "شخص", "--json"]) == 0


def test_a_corrupt_backup_is_refused_and_the_file_is_only_read(tmp_path, capsys, signed_in):
    source = _laptop(tmp_path / "a", people=50)
    backup = tmp_path / "broken.db"
    assert main(["--data-dir", str(source), "backup", str(backup)]) == 0
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2 : len(raw) // 2 + 4096] = b"\xff" * 4096  # a damaged page in the middle
    backup.write_bytes(bytes(raw))
    backup_sha = _sha(backup)
    target = _laptop(tmp_path / "b", people=2)
    assert main(["--data-dir", str(target), "--lang", "en", "restore", str(backup), "--yes"]) == 2
    assert "not a sound FieldApp backup" in capsys.readouterr().err
    assert _sha(backup) == backup_sha and _query(target / "fieldapp.db", "SELECT count(*) FROM person") == 2


def _enrol(root: Path, org_code: str, token: str) -> None:
    con = sqlite3.connect(root / "fieldapp.db")
    con.execute(
        "INSERT INTO sync_state (id, server_url, org_id, org_code, org_name, device_short_code, token, "
        "server_epoch, enrolled_at, enrolled_by, pull_cursor, last_error, last_round) "
        "VALUES (1, 'https://sync.example.sa', 'org-1', ?, ?, 'ABCD', ?, 'e1', '2026-01-01 00:00:00', "
        "'sara', 42, '', '')",
        (org_code, f"جهة {org_code}", token),
    )
    con.execute("UPDATE app_user SET signed_in_until = '2099-01-01 00:00:00'")
    con.commit()
    con.close()


def test_another_laptops_backup_keeps_this_laptops_identity(tmp_path, capsys, signed_in):
    other = _laptop(tmp_path / "a", people=5, org="TAIF")
    _enrol(other, "TAIF", "token-of-the-other-laptop")
    backup = tmp_path / "a.db"
    assert main(["--data-dir", str(other), "backup", str(backup)]) == 0
    this = _laptop(tmp_path / "b", people=1, org="TAIF")
    _enrol(this, "TAIF", "token-of-this-laptop")
    device = _query(this / "fieldapp.db", "SELECT id || ' ' || short_code FROM device")
    assert device != _query(other / "fieldapp.db", "SELECT id || ' ' || short_code FROM device")

    assert main(["--data-dir", str(this), "restore", str(backup), "--yes"]) == 0
    live = this / "fieldapp.db"
    assert _query(live, "SELECT count(*) FROM person") == 5
    assert _query(live, "SELECT id || ' ' || short_code FROM device") == device  # still itself
    assert _query(live, "SELECT token FROM sync_state") == "token-of-this-laptop"
    assert _query(live, "SELECT pull_cursor FROM sync_state") == 0  # the next sync re-baselines
    assert _query(live, "SELECT count(*) FROM app_user WHERE signed_in_until IS NOT NULL") == 0
    assert Store.open(live).device_id == device.split()[0]


def test_another_organisations_backup_needs_a_confirmation_naming_both(
    tmp_path, capsys, signed_in, monkeypatch
):
    other = _laptop(tmp_path / "a", people=5, org="TAIF")
    backup = tmp_path / "taif.db"
    assert main(["--data-dir", str(other), "backup", str(backup)]) == 0
    this = _laptop(tmp_path / "b", people=2, org="RUH")
    _enrol(this, "RUH", "token-of-riyadh")
    live = this / "fieldapp.db"
    argv = ["--data-dir", str(this), "--lang", "en", "restore", str(backup)]

    assert main([*argv, "--yes"]) == 2  # --yes alone is not enough
    err = capsys.readouterr().err
    assert "TAIF" in err and "RUH" in err and "--other-organisation TAIF" in err
    assert _query(live, "SELECT count(*) FROM person") == 2

    monkeypatch.setattr(sys, "stdin", io.StringIO("RUH\n"))  # the wrong code typed: cancelled
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "جهة TAIF" in out and "جهة RUH" in out and "5 people" in out and "2 people" in out
    assert _query(live, "SELECT count(*) FROM person") == 2

    monkeypatch.setattr(sys, "stdin", io.StringIO("taif\n"))
    assert main(argv) == 0
    assert _query(live, "SELECT count(*) FROM person") == 5
    assert _query(live, "SELECT count(*) FROM sync_state") == 0  # Riyadh's enrolment ended
    kept = list((this / "backups").glob("before-restore-*.db"))
    assert len(kept) == 1 and _query(kept[0], "SELECT count(*) FROM person") == 2


def test_a_new_laptop_takes_a_backup_first_without_becoming_the_other_laptop(tmp_path, monkeypatch):
    other = _laptop(tmp_path / "a", people=3, org="TAIF")
    _enrol(other, "TAIF", "token-of-the-other-laptop")
    backup = backup_database(other / "fieldapp.db", tmp_path / "a.db")
    monkeypatch.delenv("FIELDAPP_USER", raising=False)  # nobody to sign in yet on the new laptop
    new = tmp_path / "new"
    assert main(["--data-dir", str(new), "restore", str(backup), "--yes"]) == 0
    live = new / "fieldapp.db"
    assert _query(live, "SELECT count(*) FROM person") == 3
    assert _query(live, "SELECT id FROM device") != _query(other / "fieldapp.db", "SELECT id FROM device")
    assert _query(live, "SELECT count(*) FROM sync_state") == 0  # it enrols as itself
    # from now on the restored administrator signs in
    assert main(["--data-dir", str(new), "restore", str(backup), "--yes"]) == 2


def test_an_older_backup_is_migrated_in_its_copy_and_the_file_left_as_it_was(tmp_path, signed_in):
    from fieldapp.store import migrate

    old = tmp_path / "old.db"
    migrate.upgrade(old, tmp_path / "pre", target="0003")
    old_sha = _sha(old)
    this = _laptop(tmp_path / "b", people=2)
    assert main(["--data-dir", str(this), "restore", str(old), "--yes"]) == 0
    assert _query(this / "fieldapp.db", "SELECT version_num FROM alembic_version") == migrate.HEAD
    assert _sha(old) == old_sha
    assert _query(old, "SELECT version_num FROM alembic_version") == "0003"
