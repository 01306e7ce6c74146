"""Roster import with the files coordinators really have, broken ones included."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from fieldapp import cli
from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services import roster_import
from fieldapp.services.people import PersonInput
from fieldapp.store.models import Event, Outbox, Person, Registration

GOOD = [
    ["الجوال", "الاسم الكامل", "رقم الهوية", "الجنس", "تاريخ الميلاد"],
    ["0501234567", "عبدالله بن خميس الزايدي", "1000000008", "ذكر", "17/05/2001"],
    ["", "", "", "", ""],
    ["+966 55 111 2222", "نورة القحطاني", "", "أنثى", "1422/02/23 هـ"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(cells) for cells in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def count(store, model) -> int:
    with store.reader() as r:
        return r.scalar(select(func.count()).select_from(model))


def test_csv_with_arabic_headers_in_any_order(services, store, tmp_path):
    report = services.roster_import.run(write_csv(tmp_path / "r.csv", GOOD))
    assert (report.added, report.updated, report.unchanged, report.errors) == (2, 0, 0, [])
    assert report.rows == 2  # the empty line is skipped silently
    zaidi = services.search.resolve_code("1000000008")
    assert (zaidi.mobile, zaidi.gender, zaidi.birth_date) == ("+966501234567", "m", dt.date(2001, 5, 17))
    noura = services.search.resolve_code("0551112222")
    assert noura.birth_date == dt.date(2001, 5, 17) and noura.gender == "f"  # 1422/02/23 AH (Umm al-Qura)
    assert count(store, Outbox) == 2


@pytest.mark.parametrize(
    ("encoding", "delimiter", "expected"),
    [("utf-8-sig", ";", "utf-8-sig"), ("cp1256", ",", "cp1256"), ("utf-16", "\t", "utf-16")],
)
def test_encodings_and_delimiters_are_detected(services, tmp_path, encoding, delimiter, expected):
    path = write_csv(tmp_path / "r.csv", GOOD, encoding, delimiter)
    preview = services.roster_import.preview(path)
    assert (preview.encoding, preview.delimiter, preview.row_count) == (expected, delimiter, 2)
    assert preview.mapping["full_name"] == "الاسم الكامل" and preview.mapping["mobile"] == "الجوال"
    assert preview.sample[0]["full_name"] == "عبدالله بن خميس الزايدي"
    assert services.roster_import.run(path).added == 2


def test_english_headers_and_synonyms(services, tmp_path):
    rows = [["Mobile", "Name", "IQAMA", "English_Name", "Badge", "Guardian Consent"],
            ["0501234567", "Ali", "2000000006", "Ali Salem", "b-7", "yes"]]  # fmt: skip
    report = services.roster_import.run(write_csv(tmp_path / "r.csv", rows))
    assert report.added == 1
    ali = services.search.resolve_code("B-7")
    assert (ali.national_id, ali.latin_name, ali.guardian_consent) == ("2000000006", "Ali Salem", True)


def test_garbage_and_missing_files_are_refused_clearly(services, tmp_path):
    rng = random.Random(1)
    for lowest in (0, 1):  # with NUL bytes (binary) and without (decodes as cp1256, still junk)
        garbage = tmp_path / "photo.csv"
        garbage.write_bytes(bytes(rng.randrange(lowest, 256) for _ in range(5000)))
        with pytest.raises(ValidationError) as err:
            services.roster_import.run(garbage)
        assert err.value.key == "import.not_table" and "xlsx" in err.value.message("en")
    with pytest.raises(ValidationError) as err:
        services.roster_import.run(tmp_path / "nope.csv")
    assert err.value.key == "import.file_missing"
    not_a_book = tmp_path / "r.xlsx"
    with zipfile.ZipFile(not_a_book, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as err:
        services.roster_import.run(not_a_book)
    assert err.value.key == "import.not_table"


def test_missing_column_names_it_and_the_headers_found(services, store, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["رقم الهوية", "الجوال"], ["1000000008", "0501234567"]])
    with pytest.raises(ValidationError) as err:
        services.roster_import.run(path)
    message = err.value.message("en")
    assert "name" in message and "رقم الهوية, الجوال" in message
    path = write_csv(tmp_path / "r.csv", [["الاسم", "الجنس"], ["سعد", "ذكر"]])
    with pytest.raises(ValidationError) as err:
        services.roster_import.run(path)
    assert err.value.key == "import.missing_identifier" and "الاسم, الجنس" in err.value.message("en")
    assert count(store, Person) == 0


def test_bad_rows_are_reported_by_line_and_not_written(services, store, tmp_path):
    rows = [
        ["الاسم", "رقم الهوية", "الجوال"],
        ["سعد", "1000000008", "0501234567"],  # line 2: good
        ["", "", ""],  # line 3: empty, skipped
        ["فهد", "123", "0501234568"],  # line 4: short ID
        ["خالد", "1000000000", "0501234569"],  # line 5: bad check digit
        ["ماجد", "", "0201234567"],  # line 6: landline
        ["", "1000000016", ""],  # line 7: no name
        ["سعد مكرر", "1000000008", "0501234570"],  # line 8: same ID as line 2
        ["نايف", "2000000006", "0501234571"],  # line 9: good
    ]
    report = services.roster_import.run(write_csv(tmp_path / "r.csv", rows))
    assert report.added == 2
    by_line = {e.line: e for e in report.errors}
    assert sorted(by_line) == [4, 5, 6, 7, 8]
    assert by_line[4].column == "رقم الهوية" and by_line[4].message_key == "national_id.length"
    assert by_line[5].message_key == "national_id.checksum"
    assert by_line[6].column == "الجوال" and by_line[6].message_key == "mobile.invalid"
    assert by_line[7].column == "الاسم" and by_line[7].message_key == "name.empty"
    assert by_line[8].message_key == "import.duplicate_in_file" and "line 2" in by_line[8].message
    assert count(store, Person) == 2


def test_messages_follow_the_language(services, tmp_path):
    from fieldapp.core import i18n

    rows = [["الاسم", "الجوال"], ["سعد", "12"]]
    i18n.set_language("ar")
    try:
        report = services.roster_import.run(write_csv(tmp_path / "r.csv", rows))
    finally:
        i18n.set_language(None)
    assert "رقم الجوال غير صحيح" in report.errors[0].message


def test_reimport_is_idempotent_and_updates_only_what_differs(services, store, tmp_path):
    path = write_csv(tmp_path / "r.csv", GOOD)
    services.roster_import.run(path)
    outbox = count(store, Outbox)
    again = services.roster_import.run(path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert count(store, Outbox) == outbox and not again.changed.topics
    changed = [row[:] for row in GOOD]
    changed[1][3] = ""  # an empty cell never erases
    changed[3][1] = "نورة بنت سعد القحطاني"
    report = services.roster_import.run(write_csv(tmp_path / "r2.csv", changed))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    with store.reader() as r:
        op = r.scalars(select(Outbox).order_by(Outbox.seq.desc())).first()
        assert op.kind == "update" and set(op.payload["fields"]) == {"full_name", "name_key"}
    assert services.search.resolve_code("1000000008").gender == "m"
    assert [h.person.full_name for h in services.search.find("نوره بنت سعد")] == ["نورة بنت سعد القحطاني"]


def test_matching_by_mobile_and_conflicts(services, tmp_path):
    services.people.create(PersonInput("سعد", mobile="0501234567"))
    services.people.create(PersonInput("فهد", national_id="1000000016", mobile="0501111111"))
    rows = [["الاسم", "الهوية", "الجوال"],
            ["سعد", "1000000008", "0501234567"],  # adds the ID to سعد found by mobile
            ["ماجد", "2000000006", "0501111111"]]  # fmt: skip
    report = services.roster_import.run(write_csv(tmp_path / "r.csv", rows))
    assert (report.added, report.updated) == (0, 1)
    assert services.search.resolve_code("1000000008").full_name == "سعد"
    assert report.errors[0].line == 3 and report.errors[0].message_key == "import.mobile_taken"


def test_event_registration_is_not_doubled(services, store, tmp_path):
    now = dt.datetime(2025, 9, 23, 9, tzinfo=dt.UTC)
    with store.session("test") as s:
        event = Event(title="اليوم الوطني", starts_at=now, ends_at=now + dt.timedelta(hours=4))
        s.add(event)
    path = write_csv(tmp_path / "r.csv", GOOD)
    assert services.roster_import.run(path, event_id=event.id).registered == 2
    assert services.roster_import.run(path, event_id=event.id).registered == 0
    assert count(store, Registration) == 2
    with pytest.raises(NotFoundError):
        services.roster_import.run(path, event_id="no-such-event")


def test_dry_run_and_permission(services, store, tmp_path):
    path = write_csv(tmp_path / "r.csv", GOOD)
    report = services.roster_import.run(path, dry_run=True)
    assert report.added == 2 and report.dry_run and count(store, Person) == 0
    with pytest.raises(PermissionDenied):
        services.as_user(Actor("ali", "coordinator")).roster_import.run(path)


def test_chunks_progress_and_cancel(services, store, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_import, "CHUNK_ROWS", 10)
    rows = [["الاسم", "الجوال"]] + [[f"متطوع {i}", f"0501{i:06d}"] for i in range(35)]
    path = write_csv(tmp_path / "r.csv", rows)
    seen = []
    report = services.roster_import.run(
        path, progress=lambda done, total: seen.append((done, total)), cancel=lambda: len(seen) >= 3
    )
    assert seen == [(0, 35), (10, 35), (20, 35)]
    assert report.cancelled and report.added == 20 and count(store, Person) == 20
    with store.reader() as r:
        audits = r.execute(select(func.count()).select_from(Outbox)).scalar()
    assert audits == 20
    rest = services.roster_import.run(path)
    assert (rest.added, rest.unchanged, rest.cancelled) == (15, 20, False)


def _with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value Excel would have saved (openpyxl cannot write one)."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml = re.sub(
            rf'<c r="{ref}"><f>(.*?)</f><v\s*/>', rf'<c r="{ref}" t="str"><f>\1</f><v>{value}</v>', xml
        )
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["كشف المتطوعين"])  # a title row above the header
    ws.append(["الاسم", "رقم الهوية", "الجوال", "تاريخ الميلاد"])
    ws.append(['=CONCATENATE("عبدالله"," ","الزايدي")', '="1000000008"', 501234567, dt.datetime(2001, 5, 17)])
    ws.append(["نورة", 2000000006, "0551112222", 37028])
    wb.save(path)
    return path


def test_xlsx_formulas_are_read_as_their_saved_values(services, tmp_path):
    path = _workbook(tmp_path / "r.xlsx")
    _with_cached_values(path, {"A3": "عبدالله الزايدي", "B3": "1000000008"})
    preview = services.roster_import.preview(path)
    assert preview.format == "xlsx" and preview.errors == []
    report = services.roster_import.run(path)
    assert (report.added, report.errors) == (2, [])
    zaidi = services.search.resolve_code("1000000008")
    assert (zaidi.full_name, zaidi.mobile, zaidi.birth_date) == (
        "عبدالله الزايدي",
        "+966501234567",
        dt.date(2001, 5, 17),
    )
    assert services.search.resolve_code("2000000006").birth_date == dt.date(2001, 5, 17)  # Excel serial


def test_xlsx_formula_without_saved_value_is_reported_by_cell(services, tmp_path):
    report = services.roster_import.run(_workbook(tmp_path / "r.xlsx"))
    assert report.added == 1
    assert {(e.line, e.message_key) for e in report.errors} == {(3, "import.formula_no_value")}
    assert any("A3" in e.message for e in report.errors)


def test_cli_exit_codes_and_json(tmp_path, capsys, cli_user):
    cli_user(tmp_path / "data", "supervisor")
    data = ["--data-dir", str(tmp_path / "data")]
    good = write_csv(tmp_path / "r.csv", GOOD)
    assert cli.main([*data, "import-roster", str(good), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["errors"]) == (2, [])
    assert cli.main([*data, "find", "زايدى", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["person"]["national_id"] == "1000000008"
    bad = write_csv(tmp_path / "bad.csv", [["الاسم", "الجوال"], ["سعد", "12"]])
    assert cli.main([*data, "import-roster", str(bad)]) == 2
    assert "Line 2" in capsys.readouterr().err
    assert cli.main([*data, "import-roster", str(tmp_path / "missing.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_a_10_mb_file(services, tmp_path):
    rows = [["الاسم", "رقم الهوية", "الجوال", "ملاحظات"]]
    note = "ملاحظة طويلة " * 40
    i = 0
    size = 0
    while size < 10 * 2**20:
        row = [f"متطوع رقم {i}", "", f"05{i:08d}", note]
        rows.append(row)
        size += len(",".join(row).encode()) + 2
        i += 1
    path = write_csv(tmp_path / "big.csv", rows)
    assert path.stat().st_size >= 10 * 2**20
    report = services.roster_import.run(path)
    assert report.added == i and report.errors == []


def test_run_is_a_write_that_needs_an_actor_and_preview_is_a_read(store, tmp_path):
    from fieldapp.core.errors import ContractError
    from fieldapp.services import Services
    from fieldapp.services.contract import is_write

    path = write_csv(tmp_path / "r.csv", GOOD)
    nobody = Services(store, None)
    assert is_write(nobody.roster_import.run) and not is_write(nobody.roster_import.preview)
    assert nobody.roster_import.preview(path).row_count == 2  # reading the file needs nobody signed in
    with pytest.raises(ContractError):
        nobody.roster_import.run(path)
    with pytest.raises(ContractError):
        nobody.roster_import.run(path, dry_run=True)
    assert count(store, Person) == 0


def test_the_report_says_what_changed_and_the_audit_names_the_actor(store, tmp_path):
    from fieldapp.services import Services
    from fieldapp.store.models import AuditEntry

    services = Services(store, Actor("cli:sara", "admin"))
    now = dt.datetime(2025, 9, 23, 9, tzinfo=dt.UTC)
    with store.session("test") as s:
        event = Event(title="اليوم الوطني", starts_at=now, ends_at=now + dt.timedelta(hours=4))
        s.add(event)
    path = write_csv(tmp_path / "r.csv", GOOD)
    assert services.roster_import.run(path, dry_run=True).changed.topics == frozenset()
    assert services.roster_import.run(path).changed.topics == {"people"}
    report = services.roster_import.run(path, event_id=event.id)
    assert report.changed.topics == {"events", "registrations"}
    assert services.roster_import.run(path, event_id=event.id).changed.topics == frozenset()
    with store.reader() as r:
        bulk = r.execute(
            select(AuditEntry.user_name, AuditEntry.detail).where(AuditEntry.action == "bulk")
        ).all()
    assert bulk and {user for user, _ in bulk} == {"cli:sara"}
    assert all("import roster r.csv" in detail for _, detail in bulk)
