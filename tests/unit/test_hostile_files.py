"""Files people hand the laptop, built here as a hostile but realistic world makes them: mixed
encodings, control characters, giant cells, workbooks that abort calamine, zip bombs, decompression
bombs and PDFs of thousands of pages. None may crash, garble, mislead or leak."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select

from fieldapp.certificates import decode
from fieldapp.cli import main
from fieldapp.core.errors import ValidationError
from fieldapp.core.roster_files import read_table
from fieldapp.store.models import Person

HEADER = "الاسم,رقم الهوية,الجوال"
NAMES = ["سعد العمري", "نورة القحطاني", "عبدالله الزهراني"]
MOBILES = ["0501234567", "0551112222", "0563334444"]


def _names(store) -> list[str]:
    with store.reader() as r:
        return sorted(r.scalars(select(Person.full_name)))


# --- encodings --------------------------------------------------------------------------------


def test_one_windows_1256_line_among_utf8_lines_is_refused_naming_it(services, store, tmp_path):
    lines = [HEADER.encode()] + [f"{n},,{m}".encode() for n, m in zip(NAMES, MOBILES, strict=True)]
    lines.insert(3, "خالد الشهري,,0577778888".encode("cp1256"))  # line 4 of the file
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    with pytest.raises(ValidationError) as err:
        services.roster_import.run(path)
    assert err.value.key == "import.mixed_encoding"
    message = err.value.message("en")
    assert "Windows-1256 (Arabic Excel) on lines: 4," in message and "UTF-8 on lines: 1, 2, 3, 5 —" in message
    with pytest.raises(ValidationError):
        services.roster_import.preview(path)
    assert _names(store) == []  # nothing stored, garbled or not


def test_an_ascii_header_with_windows_1256_rows_is_read_as_typed(services, store, tmp_path):
    path = tmp_path / "r.csv"
    rows = ["name,mobile"] + [f"{n},{m}" for n, m in zip(NAMES, MOBILES, strict=True)]
    path.write_bytes("\r\n".join(rows).encode("cp1256"))
    report = services.roster_import.run(path)
    assert report.added == 3 and report.errors == []
    assert _names(store) == sorted(NAMES)


def test_random_bytes_are_refused_with_a_short_message(services, tmp_path):
    import random

    rng = random.Random(7)
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(rng.choice(range(1, 256)) for _ in range(300_000)))  # no NUL
    with pytest.raises(ValidationError) as err:
        services.roster_import.preview(path)
    assert len(err.value.message("en")) < 300


def test_a_message_names_a_few_shortened_headers(services, tmp_path):
    path = tmp_path / "wide.csv"
    headers = [f"column {i} " + "x" * 500 for i in range(200)]
    path.write_text(",".join(headers) + "\n" + ",".join("1" for _ in headers) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        services.roster_import.preview(path)
    message = err.value.message("en")
    assert err.value.key == "import.missing_column"
    assert "column 0 xx" in message and "column 8 " not in message and "(+192)" in message
    assert len(message) < 600


# --- characters that break later ---------------------------------------------------------------


def test_control_characters_are_cleaned_from_names_on_the_way_in(services, store, tmp_path):
    path = tmp_path / "r.csv"
    filler = "".join(f"متطوع رقم {i},,05{i:08d}\n" for i in range(2500))  # pushes the NUL past 64 KB
    text = HEADER + "\n" + filler + "سعد\x00 العمري,,0501234567\nنورة\x01\x1b[31m,,0551112222\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 65536
    report = services.roster_import.run(path)
    assert report.errors == [] and report.added == 2502
    names = _names(store)
    assert "سعد العمري" in names and "نورة[31m" in names
    assert not any(ch < " " or "\x7f" <= ch < "\xa0" for name in names for ch in name)


def test_a_200000_character_cell_is_an_error_on_its_line_only(services, store, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(f"{HEADER}\n{'ب' * 200_000},,0501234567\n{NAMES[1]},,{MOBILES[1]}\n", encoding="utf-8")
    report = services.roster_import.run(path)
    assert report.added == 1
    (error,) = report.errors
    assert error.line == 2 and error.message_key == "name.too_long" and "200000" in error.message
    assert len(error.message) < 200


def test_find_and_the_terminal_never_get_an_escape_sequence(store, tmp_path, capsys, cli_user):
    with store.session("test") as s:  # a name stored before names were cleaned (or from a backup)
        s.add(Person(full_name="سعد \x1b]0;owned\x07\x1b[2J العمري", mobile="+966501234567"))
    store.close()
    cli_user(tmp_path)
    assert main(["--data-dir", str(tmp_path), "find", "سعد"]) == 0
    out = capsys.readouterr().out
    assert "العمري" in out and "\x1b" not in out and "\x07" not in out


# --- workbooks --------------------------------------------------------------------------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _column(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _xlsx(path: Path, cells: dict[tuple[int, int], str], dimension: str | None = None, bomb: int = 0) -> Path:
    """A minimal workbook of inline strings, written by hand as a hostile file would be; `bomb`
    MiB of one letter in one more cell, compressed a thousand times."""
    rows: dict[int, list[str]] = {}
    for (r, c), value in sorted(cells.items()):
        rows.setdefault(r, []).append(
            f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        )
    body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dim}<sheetData>{body}'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (
            ("[Content_Types].xml", _CT),
            ("_rels/.rels", _RELS),
            ("xl/workbook.xml", _WORKBOOK),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ):
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(head.encode())
            if bomb:
                sheet.write(b'<row r="9"><c r="A9" t="inlineStr"><is><t>')
                for _ in range(bomb):
                    sheet.write(b"A" * 2**20)
                sheet.write(b"</t></is></c></row>")
            sheet.write(b"</sheetData></worksheet>")
    return path


_ROSTER = {(1, 1): "الاسم", (1, 2): "رقم الهوية", (2, 1): "سعد العمري", (2, 2): "1000000008"}


def test_a_small_workbook_still_imports_through_the_child_process(services, store, tmp_path):
    report = services.roster_import.run(_xlsx(tmp_path / "r.xlsx", _ROSTER, dimension="A1:B2"))
    assert report.added == 1 and _names(store) == ["سعد العمري"]


def test_a_sheet_declaring_a_million_rows_is_refused_before_it_is_read(services, tmp_path):
    path = _xlsx(tmp_path / "far.xlsx", {**_ROSTER, (1048576, 16384): "x"}, dimension="A1:XFD1048576")
    assert path.stat().st_size < 5000
    with pytest.raises(ValidationError) as err:
        services.roster_import.preview(path)
    assert err.value.key == "import.sheet_too_big"
    assert "1048576 rows and 16384 columns" in err.value.message("en")


@pytest.mark.parametrize("far_cell", [(1048576, 16384), (1048576, 100)])  # XFD1048576, CV1048576
def test_a_workbook_that_makes_calamine_abort_does_not_take_the_process_down(services, tmp_path, far_cell):
    """No dimension declared (so nothing to check first): calamine asks for 549 GB (or 3.3 GB) and
    aborts — in the child, whose memory is capped; here it is a plain message."""
    path = _xlsx(tmp_path / "lying.xlsx", {**_ROSTER, far_cell: "x"})
    with pytest.raises(ValidationError) as err:
        services.roster_import.preview(path)
    assert err.value.key == "import.workbook_failed"
    assert services.roster_import.preview(_xlsx(tmp_path / "ok.xlsx", _ROSTER)).row_count == 1


def test_a_zip_bomb_is_refused_and_the_message_quotes_nobody(services, tmp_path):
    path = _xlsx(tmp_path / "bomb.xlsx", _ROSTER, bomb=64)
    assert path.stat().st_size < 200_000
    with pytest.raises(ValidationError) as err:
        services.roster_import.preview(path)
    assert err.value.key == "import.package_too_big"
    for lang in ("ar", "en"):
        message = err.value.message(lang)
        assert "سعد" not in message and "1000000008" not in message


def test_the_workbook_reader_streams_rows_and_stops_its_child(tmp_path):
    cells = {(1, 1): "الاسم", (1, 2): "الجوال"}
    cells |= {(r, 1): f"متطوع {r}" for r in range(2, 5002)}
    with read_table(_xlsx(tmp_path / "r.xlsx", cells)) as table:
        assert len(table.head) == 10 and table.row_count() == 5001
        rows = table.rows()
        assert [next(rows)[0] for _ in range(12)] == list(range(1, 13))
    # closed early: the child is gone (the pipe is closed; reading on raises, nothing hangs)


# --- verify -------------------------------------------------------------------------------------


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header claiming width × height pixels (1-bit grey) with almost no data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(20000, 20000), (10000, 8000)])  # PIL's bomb error; our own limit
def test_verify_answers_an_image_bomb_plainly(tmp_path, capsys, size):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(*size))
    assert main(["--data-dir", str(tmp_path / "d"), "--lang", "en", "verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert "too big to read" in err and "Traceback" not in err and "DecompressionBomb" not in err


def _blank_pdf(path: Path, pages: int, size: float = 595.0) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=size, height=size)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_verify_refuses_a_pdf_of_too_many_pages_without_reading_them(tmp_path, capsys):
    path = _blank_pdf(tmp_path / "long.pdf", decode.MAX_PDF_PAGES + 1, size=72)
    assert main(["--data-dir", str(tmp_path / "d"), "--lang", "en", "verify", str(path)]) == 2
    assert f"has {decode.MAX_PDF_PAGES + 1} pages" in capsys.readouterr().err


def test_a_giant_pdf_page_is_drawn_within_the_pixel_cap(tmp_path):
    path = _blank_pdf(tmp_path / "giant.pdf", 1, size=14400)  # 200 inches: 900 megapixels at 150 dpi
    (image,) = decode.pdf_page_images(path)
    assert image.width * image.height <= decode.MAX_PAGE_PIXELS
    with pytest.raises(decode.DecodeError) as err:
        decode.read_payloads(path)
    assert err.value.key == "verify.no_qr"


def test_a_file_of_bad_rows_lists_the_first_errors_and_counts_them_all(services, tmp_path, monkeypatch):
    from fieldapp.services import roster_import

    monkeypatch.setattr(roster_import, "MAX_LISTED_ERRORS", 10)
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "\n" + "".join(f"متطوع {i},123,\n" for i in range(50)), encoding="utf-8")
    preview = services.roster_import.preview(path)
    assert (len(preview.errors), preview.error_lines, preview.errors_left_out) == (10, 50, 40)
    report = services.roster_import.run(path)
    assert (report.valid, len(report.errors), report.error_lines, report.errors_left_out) == (0, 10, 50, 40)
