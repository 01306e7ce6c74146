"""Roster files decoded without a database (core.roster_files): encodings, delimiters, headers."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldapp.core import roster_files
from fieldapp.core.errors import ValidationError
from fieldapp.core.roster_files import decode_text, field_of, locate_header, read_table, sniff_delimiter

HEADER = ["الاسم", "رقم الهوية", "الجوال"]
ROW = ["سعد العمري", "1000000008", "0501234567"]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    path.write_bytes(("\r\n".join(delimiter.join(r) for r in rows) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1256", "cp1256")],
)
def test_text_is_decoded_in_the_encodings_excel_writes(encoding, expected):
    text = "الاسم,الجوال\r\nسعد,0501234567\r\n"
    assert decode_text(text.encode(encoding)) == (text, expected)


def test_bytes_that_are_not_text_are_refused():
    assert decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00") is None
    assert decode_text((bytes(range(1, 32)) + b"\xff") * 50) is None  # not UTF-8, and junk as cp1256


def test_the_delimiter_is_the_one_the_first_line_uses():
    assert sniff_delimiter("\n\nالاسم;الجوال;الهوية\nسعد;05;1") == ";"
    assert sniff_delimiter("الاسم\tالجوال") == "\t"
    assert sniff_delimiter("الاسم") == ","


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("الإسم", "full_name"),
        ("الاسم الرباعي", "full_name"),
        ("Full_Name", "full_name"),
        ("رقم الهوية/الإقامة", "national_id"),
        ("IQAMA", "national_id"),
        ("الجوال (05xxxxxxxx)", "mobile"),  # the longest synonym the header starts with
        ("الاسم بالإنجليزية", "latin_name"),
        ("موافقة ولي الامر", "guardian_consent"),
        ("الوظيفة", None),
        ("", None),
    ],
)
def test_headers_are_matched_in_arabic_and_english(header, field):
    assert field_of(header) == field


def test_csv_rows_keep_the_line_numbers_the_user_sees(tmp_path):
    path = _csv(tmp_path / "r.csv", [["كشف المتطوعين"], [], HEADER, ["", "", ""], ROW], delimiter=";")
    table = read_table(path)
    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-8", ";")
    assert [line for line, _ in table.head] == [1, 3, 5]  # blank lines are left out, not renumbered
    header = locate_header(table, path)
    assert header.position == 1  # the title above it is skipped
    assert header.mapping == {"full_name": 0, "national_id": 1, "mobile": 2}
    assert header.column_of()["mobile"] == "الجوال"


def test_a_repeated_or_unknown_header_is_listed_as_unmapped(tmp_path):
    path = _csv(
        tmp_path / "r.csv", [["الاسم", "الجوال", "المدينة", "رقم الجوال"], ["سعد", "05", "جدة", "05"]]
    )
    header = locate_header(read_table(path), path)
    assert header.mapping == {"full_name": 0, "mobile": 1}
    assert header.unmapped == ["المدينة", "رقم الجوال"]


def test_files_without_the_needed_columns_are_refused_naming_what_was_found(tmp_path):
    empty = _csv(tmp_path / "empty.csv", [[""]])
    with pytest.raises(ValidationError) as err:
        locate_header(read_table(empty), empty)
    assert err.value.key == "import.empty"
    no_name = _csv(tmp_path / "no_name.csv", [["رقم الهوية", "الجوال"], ["1000000008", "05"]])
    with pytest.raises(ValidationError) as err:
        locate_header(read_table(no_name), no_name)
    assert err.value.key == "import.missing_column" and "رقم الهوية, الجوال" in err.value.message("en")
    no_id = _csv(tmp_path / "no_id.csv", [["الاسم", "الجنس"], ["سعد", "ذكر"]])
    with pytest.raises(ValidationError) as err:
        locate_header(read_table(no_id), no_id)
    assert err.value.key == "import.missing_identifier"


def test_missing_too_big_and_broken_files_are_refused_clearly(tmp_path, monkeypatch):
    with pytest.raises(ValidationError) as err:
        read_table(tmp_path / "nope.csv")
    assert err.value.key == "import.file_missing"
    with pytest.raises(ValidationError) as err:
        read_table(tmp_path)  # a folder
    assert err.value.key == "import.file_missing"
    big = _csv(tmp_path / "big.csv", [HEADER, ROW])
    monkeypatch.setattr(roster_files, "MAX_FILE_BYTES", 10)
    with pytest.raises(ValidationError) as err:
        read_table(big)
    assert err.value.key == "import.too_big"
    monkeypatch.undo()
    for name, data in (("r.xlsx", b"PK\x03\x04garbage"), ("r.xls", b"\xd0\xcf\x11\xe0garbage")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValidationError) as err:
            read_table(tmp_path / name)
        assert err.value.key == "import.not_table"
    with zipfile.ZipFile(tmp_path / "notes.xlsx", "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as err:
        read_table(tmp_path / "notes.xlsx")
    assert err.value.key == "import.not_table"


def test_a_workbook_is_read_from_its_first_sheet_with_a_header(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "ملاحظات"
    wb.active.append(["هذه الورقة بلا قائمة"])
    sheet = wb.create_sheet("القائمة")
    sheet.append(HEADER)
    sheet.append(["سعد العمري", 1000000008, 501234567])
    sheet.append(["نورة", '=CONCATENATE("1","0")', "0551112222"])  # a formula never calculated
    wb.save(tmp_path / "r.xlsx")
    table = read_table(tmp_path / "r.xlsx")
    assert (table.format, table.encoding, table.delimiter) == ("xlsx", None, None)
    assert table.head[1] == (2, ["سعد العمري", 1000000008, 501234567])
    assert table.bad_cells == {(3, 1): "B3"}  # looked for in the chosen sheet, not the first
    assert locate_header(table, "r.xlsx").mapping == {"full_name": 0, "national_id": 1, "mobile": 2}


def test_a_formula_without_a_saved_value_is_named_by_its_cell(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(['="سعد"', "1000000008", "0501234567"])
    wb.save(tmp_path / "r.xlsx")
    table = read_table(tmp_path / "r.xlsx")
    assert table.bad_cells == {(2, 0): "A2"}


def test_the_module_is_pure():
    """core/ reads files and knows the rules; it opens no database and shows no window."""
    tree = ast.parse(Path(roster_files.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not {m for m in imported if m.startswith(("fieldapp.services", "fieldapp.store", "fieldapp.gui",
                                                       "PySide6", "sqlalchemy"))}  # fmt: skip
