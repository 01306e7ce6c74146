"""Roster files as coordinators really have them, decoded into rows and a header (pure: no database).

* CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1256 (Excel's
  Arabic CSV). The encoding is decided line by line over the whole file: a file whose lines
  disagree (some UTF-8, some Windows-1256) is refused naming the lines, never stored garbled.
  Delimiter , ; or tab; a cell may be as long as the file.
* XLSX (and XLS/ODS) through python-calamine, which reads formula cells as the value Excel saved.
  A formula cell with no saved value (a file written by a program, never opened in Excel) is
  listed by cell (`Table.bad_cells`) instead of being silently read as empty. Before it is opened,
  the package's uncompressed size and compression ratio and each sheet's declared size are
  checked; then it is read in a child process with capped memory (core.isolated), so a hostile
  workbook that makes calamine abort cannot take the app or the command down.
* The header row may be Arabic or English, columns in any order, names matched after fold();
  a title may sit above it.

`read_table()` streams the non-empty rows with the line numbers the user sees (memory stays flat
whatever the file's size; use it as a context manager); `locate_header()` finds the header row
and which column holds which field. Validating the rows and storing them is the roster import
service's job (services.roster_import). No message quotes more than a few short headers.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

from fieldapp.core import i18n, isolated
from fieldapp.core.errors import ValidationError
from fieldapp.core.text import fold, printable, strip_invisible

log = logging.getLogger("fieldapp.import")

MAX_FILE_BYTES = 200 * 2**20
HEADER_SEARCH_ROWS = 10  # the header may sit below a title: looked for in the first rows
# A workbook's sheet is read into a dense grid of 32-byte cells: 10 million cells is 320 MB.
MAX_SHEET_CELLS = 10_000_000
MAX_UNCOMPRESSED_BYTES = 1024 * 2**20  # all the parts of a workbook package together
MAX_COMPRESSION_RATIO = 100  # XML compresses 5-20 times; a "zip bomb" a thousand times
ROWS_PER_MESSAGE = 2000  # rows the workbook reader sends at a time
SHOWN_HEADERS, SHOWN_HEADER_CHARS = 8, 40  # what a message may quote of a file's headers
SHOWN_LINES = 5  # line numbers named in a message

i18n.register(
    {
        "import.file_missing": (
            "الملف {path} غير موجود أو لا يمكن قراءته",
            "The file {path} does not exist or cannot be read",
        ),
        "import.not_table": (
            "الملف {path} ليس ملف CSV أو Excel (xlsx) مقروءًا؛ احفظه من Excel بصيغة xlsx أو CSV ثم أعد المحاولة",
            "The file {path} is not a readable CSV or Excel (xlsx) file; save it from Excel as xlsx or CSV and try again",
        ),
        "import.too_big": (
            "الملف {path} كبير جدًا ({size} ميغابايت)؛ الحد الأقصى {limit} ميغابايت",
            "The file {path} is too big ({size} MB); the limit is {limit} MB",
        ),
        "import.empty": (
            "الملف {path} لا يحتوي على أي صف",
            "The file {path} contains no rows",
        ),
        "import.missing_column": (
            "عمود «{column}» غير موجود في الملف. العناوين الموجودة: {headers}",
            "The column “{column}” is missing from the file. Headers found: {headers}",
        ),
        "import.mixed_encoding": (
            "الملف {path} يخلط ترميزين — Windows-1256 (Excel العربي) في الأسطر: {cp1256_lines}، وUTF-8 في "
            "الأسطر: {utf8_lines} — فلا يمكن قراءة الأسماء كما كُتبت. احفظ الملف كله بترميز واحد (في Excel: "
            "حفظ باسم ← CSV UTF-8) ثم أعد المحاولة",
            "The file {path} mixes two encodings — Windows-1256 (Arabic Excel) on lines: {cp1256_lines}, and "
            "UTF-8 on lines: {utf8_lines} — so the names cannot be read as they were typed. Save the whole file "
            "in one encoding (in Excel: Save As → CSV UTF-8) and try again",
        ),
        "import.sheet_too_big": (
            "ورقة «{sheet}» في الملف {path} تمتد على {rows} صفًا و{columns} عمودًا، وهذا أكبر مما يُقرأ "
            "({limit} خلية)؛ احذف الخلايا البعيدة غير المستخدمة أو انسخ القائمة إلى ملف جديد",
            "The sheet “{sheet}” of {path} spans {rows} rows and {columns} columns, more than can be read "
            "({limit} cells); delete the unused far-away cells or copy the list into a new file",
        ),
        "import.package_too_big": (
            "الملف {path} ينفكّ إلى أكثر مما يمكن قراءته بأمان ({size} ميغابايت، أو مضغوط بنسبة غير معتادة)؛ "
            "افتحه في Excel واحفظه من جديد أو انسخ القائمة إلى ملف جديد",
            "The file {path} unpacks to more than can be read safely ({size} MB, or an unusual compression); "
            "open it in Excel and save it again, or copy the list into a new file",
        ),
        "import.workbook_failed": (
            "تعذّرت قراءة الملف {path}: إما أنه أكبر من أن يُقرأ وإما أنه تالف. افتحه في Excel واحفظه من جديد، "
            "أو احفظه بصيغة CSV UTF-8، ثم أعد المحاولة",
            "The file {path} could not be read: it is too big to read or damaged. Open it in Excel and save it "
            "again, or save it as CSV UTF-8, and try again",
        ),
        "import.missing_identifier": (
            "يلزم عمود «رقم الهوية» أو عمود «الجوال» على الأقل، ولا يوجد أي منهما. العناوين الموجودة: {headers}",
            "The file needs a “national ID” or a “mobile” column, and has neither. Headers found: {headers}",
        ),
    }
)

# field -> header synonyms (compared after fold(), so hamza, ة/ه, _ and case do not matter)
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": (
        "الاسم",
        "الإسم",
        "الاسم الكامل",
        "اسم المتطوع",
        "اسم المتطوعة",
        "الاسم الرباعي",
        "الاسم الثلاثي",
        "الاسم بالعربي",
        "الاسم بالعربية",
        "اسم المشارك",
        "name",
        "full name",
        "full_name",
        "volunteer name",
        "arabic name",
    ),
    "national_id": (
        "رقم الهوية",
        "الهوية",
        "رقم الهوية الوطنية",
        "الهوية الوطنية",
        "السجل المدني",
        "رقم السجل المدني",
        "رقم الإقامة",
        "الإقامة",
        "رقم الهوية/الإقامة",
        "رقم الهوية أو الإقامة",
        "national_id",
        "national id",
        "id",
        "id number",
        "iqama",
        "iqama number",
        "nid",
    ),
    "mobile": (
        "الجوال",
        "رقم الجوال",
        "الهاتف",
        "رقم الهاتف",
        "الهاتف الجوال",
        "جوال",
        "mobile",
        "mobile number",
        "phone",
        "phone number",
        "cell",
    ),
    "gender": ("الجنس", "النوع", "gender", "sex"),
    "birth_date": (
        "تاريخ الميلاد",
        "الميلاد",
        "birth_date",
        "birth date",
        "birthdate",
        "date of birth",
        "dob",
    ),
    "latin_name": (
        "الاسم بالإنجليزي",
        "الاسم بالإنجليزية",
        "الاسم بالانجليزي",
        "الاسم باللغة الإنجليزية",
        "latin_name",
        "latin name",
        "english_name",
        "english name",
        "name in english",
    ),
    "badge_code": ("رمز البطاقة", "رقم البطاقة", "الباركود", "badge", "badge_code", "badge code", "barcode"),
    "notes": ("ملاحظات", "ملاحظة", "notes", "note", "remarks", "comments"),
    "guardian_consent": (
        "موافقة ولي الأمر",
        "موافقة ولي الامر",
        "موافقة الولي",
        "guardian_consent",
        "guardian consent",
        "parental consent",
        "consent",
    ),
}
_SYNONYM_TO_FIELD = {fold(s): f for f, names in HEADER_SYNONYMS.items() for s in names}
_FIELD_LABELS = {
    "full_name": ("الاسم", "name"),
    "national_id": ("رقم الهوية", "national ID"),
    "mobile": ("الجوال", "mobile"),
}


@dataclass
class Table:
    """A decoded file, streamed: its non-empty rows, numbered as the user sees them (line 1 first).

    `head` holds the first rows (where the header is looked for); `rows()` gives every row once,
    head first, reading the rest of the file as it goes. Close it (or use `with`) when done.
    """

    format: str  # csv|xlsx|xls|ods
    encoding: str | None  # utf-8, utf-8-sig, utf-16, cp1256 (CSV only)
    delimiter: str | None  # CSV only
    head: list[tuple[int, list[Any]]]
    rest: Iterator[tuple[int, list[Any]]] = field(repr=False)
    bad_cells: dict[tuple[int, int], str]  # (line, column index) -> cell name: formula, no value
    row_count: Callable[[], int] = field(repr=False)  # how many rows in all (may read the file again)
    _close: Callable[[], None] = field(default=lambda: None, repr=False)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        yield from self.head
        self.head = []
        yield from self.rest

    def close(self) -> None:
        close = getattr(self.rest, "close", None)
        if close is not None:
            close()
        self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def count_rows(table: Table) -> int:
    """The number of non-empty rows of the table, header included (for progress)."""
    return table.row_count()


def _table(
    fmt: str,
    encoding: str | None,
    delimiter: str | None,
    rows: Iterator[tuple[int, list[Any]]],
    bad_cells: dict[tuple[int, int], str],
    row_count: Callable[[], int],
    close: Callable[[], None] = lambda: None,
) -> Table:
    try:
        head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    except BaseException:
        getattr(rows, "close", lambda: None)()
        close()
        raise
    return Table(fmt, encoding, delimiter, head, rows, bad_cells, row_count, close)


@dataclass(frozen=True)
class Header:
    """The header row of a table and what its columns hold."""

    position: int  # index in Table.head
    headers: list[str]  # the header texts as written, one per column ('' for a blank one)
    mapping: dict[str, int]  # field -> column index
    unmapped: list[str]  # headers we ignore

    def column_of(self) -> dict[str, str]:
        """field -> the file's own header text of that column."""
        return {fld: self.headers[i] for fld, i in self.mapping.items()}


# --- reading files ----------------------------------------------------------------------------


def _shown_path(path: Path | str) -> Callable[[str | None], str]:
    """A file's path for a message: in Arabic, inside a left-to-right isolate (else "/tmp/a.csv"
    shows as "tmp/a.csv/")."""
    return lambda lang: f"\u2066{path}\u2069" if (lang or i18n.language()) == "ar" else str(path)


def _refuse(path: Path) -> ValidationError:
    return ValidationError("import.not_table", field="file", path=_shown_path(path))


def read_table(path: Path | str) -> Table:
    """Open a CSV or a workbook for streaming; refuses what is missing, too big or not a table,
    with a message. Use as a context manager (a workbook's reader is a child process)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ValidationError("import.file_missing", field="file", path=_shown_path(path)) from exc
    if not path.is_file():
        raise ValidationError("import.file_missing", field="file", path=_shown_path(path))
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            "import.too_big",
            field="file",
            path=_shown_path(path),
            size=size // 2**20,
            limit=MAX_FILE_BYTES // 2**20,
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_workbook(path, "xlsx" if path.suffix.lower() != ".ods" else "ods")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_workbook(path, "xls")
    return _read_csv(path)


# --- CSV --------------------------------------------------------------------------------------


def _lines_list(lines: list[int], total: int) -> Callable[[str | None], str]:
    def text(lang: str | None) -> str:
        comma = "، " if (lang or i18n.language()) == "ar" else ", "
        shown = comma.join(str(n) for n in lines[:SHOWN_LINES])
        return shown + (f" … (+{total - SHOWN_LINES})" if total > SHOWN_LINES else "")

    return text


@dataclass
class _LineKinds:
    """What the non-ASCII lines of a file decode as: the first few line numbers and how many."""

    utf8: list[int] = field(default_factory=list)
    utf8_count: int = 0
    cp1256: list[int] = field(default_factory=list)
    cp1256_count: int = 0

    def add(self, line: int, is_utf8: bool) -> None:
        if is_utf8:
            self.utf8_count += 1
            if len(self.utf8) < SHOWN_LINES:
                self.utf8.append(line)
        else:
            self.cp1256_count += 1
            if len(self.cp1256) < SHOWN_LINES:
                self.cp1256.append(line)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\r\n") + b"\x7f"


def _junk(data: bytes) -> int:
    """Control bytes in `data`: a text file has none, random or binary bytes one in eight."""
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def detect_encoding(fh: BinaryIO, path: Path | str) -> str | None:
    """The encoding of a text file, decided over all its lines: utf-16, utf-8-sig, utf-8 or cp1256.

    None when it is clearly not text. A file with both UTF-8 and Windows-1256 lines is refused
    (ValidationError naming the lines): decoding it either way would store garbled names.
    """
    start = fh.read(65536)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in start or _junk(start) > max(3, len(start) // 200):
        return None  # binary (an image, a PDF, a database...) or noise
    fh.seek(0)
    kinds = _LineKinds()
    for number, raw in enumerate(fh, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            kinds.add(number, True)
        except UnicodeDecodeError:
            kinds.add(number, False)
    if kinds.utf8_count and kinds.cp1256_count:
        raise ValidationError(
            "import.mixed_encoding",
            field="file",
            path=_shown_path(path),
            cp1256_lines=_lines_list(kinds.cp1256, kinds.cp1256_count),
            utf8_lines=_lines_list(kinds.utf8, kinds.utf8_count),
        )
    if kinds.cp1256_count:
        return "cp1256"
    return "utf-8-sig" if start.startswith(codecs.BOM_UTF8) else "utf-8"


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a text's bytes, the encoding decided as a file's is."""
    encoding = detect_encoding(io.BytesIO(data), "—")
    if encoding is None:
        return None
    try:
        return data.decode("utf-8" if encoding == "utf-8-sig" else encoding).removeprefix("\ufeff"), encoding
    except UnicodeDecodeError:
        return None


def sniff_delimiter(text: str) -> str:
    """, ; or tab: the one the first non-empty line uses most (a comma when it uses none)."""
    for line in text.splitlines()[:HEADER_SEARCH_ROWS]:
        if line.strip():
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            if counts[best]:
                return best
    return ","


def _read_csv(path: Path) -> Table:
    with path.open("rb") as raw:
        encoding = detect_encoding(raw, path)
    if encoding is None:
        raise _refuse(path)
    # A cell may be as long as the file (the csv module's default limit is 128 KiB): a name too
    # long is then a per-line error, not "not a readable CSV".
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    try:
        with path.open(encoding=encoding, newline="") as fh:
            delimiter = sniff_delimiter("".join(itertools.islice(fh, HEADER_SEARCH_ROWS * 2)))
    except UnicodeDecodeError as exc:
        raise _refuse(path) from exc
    fh = path.open(encoding=encoding, newline="")

    def row_count() -> int:
        with path.open(encoding=encoding, newline="") as again:
            return sum(1 for _ in _csv_rows(path, again, delimiter))

    return _table("csv", encoding, delimiter, _csv_rows(path, fh, delimiter), {}, row_count, fh.close)


def _csv_rows(path: Path, fh: Any, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(fh, delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield line, cells
            line = reader.line_num + 1  # a quoted cell may span several physical lines
    except (csv.Error, UnicodeDecodeError) as exc:
        raise _refuse(path) from exc
    finally:
        fh.close()


# --- workbooks --------------------------------------------------------------------------------

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def check_package(path: Path) -> None:
    """Refuse a workbook package that unpacks to too much (in all, or one part at a bomb's ratio),
    or whose sheets declare more cells than can be read — before any of it is decompressed."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
            total = sum(p.file_size for p in parts)
            bomb = any(
                p.file_size > 2**20 and p.file_size > MAX_COMPRESSION_RATIO * max(p.compress_size, 1)
                for p in parts
            )
            if total > MAX_UNCOMPRESSED_BYTES or bomb:
                raise ValidationError(
                    "import.package_too_big", field="file", path=_shown_path(path), size=total // 2**20
                )
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with zf.open(part) as fh:
                        _check_dimension(path, part.filename, fh.read(16384))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise _refuse(path) from exc


def _check_dimension(path: Path, part: str, start: bytes) -> None:
    match = _DIMENSION.search(start)
    if match is None:
        return  # no declaration: the reader's memory cap is the guard
    first_col, first_row, last_col, last_row = (g.decode() if g else None for g in match.groups())
    last_col, last_row = last_col or first_col, last_row or first_row
    columns = _column_number(last_col) if last_col else 1
    rows = int(last_row) if last_row else 1
    if rows * columns > MAX_SHEET_CELLS:
        raise ValidationError(
            "import.sheet_too_big",
            field="file",
            path=_shown_path(path),
            sheet=Path(part).stem,
            rows=rows,
            columns=columns,
            limit=MAX_SHEET_CELLS,
        )


def _read_workbook(path: Path, kind: str) -> Table:
    if kind != "xls":
        check_package(path)
    messages = isolated.stream(read_workbook_in_child, str(path), kind)
    try:
        first = next(messages)
    except StopIteration:
        raise _refuse(path) from None
    except isolated.ChildFailed as exc:
        raise _child_refusal(path, exc) from None
    if first == "not_table":
        messages.close()
        raise _refuse(path)
    bad, count = first
    return _table(kind, None, None, _workbook_rows(path, messages), bad, lambda: count, messages.close)


def _child_refusal(path: Path, exc: isolated.ChildFailed) -> ValidationError:
    if exc.reason == "error":
        return _refuse(path)
    return ValidationError("import.workbook_failed", field="file", path=_shown_path(path))


def _workbook_rows(path: Path, messages: Iterator[Any]) -> Iterator[tuple[int, list[Any]]]:
    try:
        for chunk in messages:
            yield from chunk
    except isolated.ChildFailed as exc:
        raise _child_refusal(path, exc) from None


def read_workbook_in_child(send: Callable[[Any], None], path_text: str, kind: str) -> None:
    """In the child process: the bad cells of the chosen sheet, then its non-empty rows in chunks.

    The chosen sheet is the first whose first rows hold a recognisable header, else the first.
    """
    import python_calamine

    path = Path(path_text)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(path_text)
        count = len(workbook.sheet_names)
        chosen = 0
        for index in range(count):
            head = list(itertools.islice(_sheet_rows(workbook.get_sheet_by_index(index)), HEADER_SEARCH_ROWS))
            if head and find_header(head) is not None:
                chosen = index
                break
        if count == 0:
            raise ValueError("no sheet")
        sheet = workbook.get_sheet_by_index(chosen)
    except (python_calamine.CalamineError, OSError, ValueError):
        send("not_table")  # a zip that is not a workbook, a password, a broken file
        return
    bad = _formulas_without_value(path, chosen) if kind == "xlsx" else {}
    # Rows whose only content is formulas without values must still be reported, not skipped.
    bad_lines = {line for line, _ in bad}
    send((bad, sum(1 for _ in _sheet_rows(sheet, keep_lines=bad_lines))))
    chunk: list[tuple[int, list[Any]]] = []
    for line, cells in _sheet_rows(sheet, keep_lines=bad_lines):
        chunk.append((line, cells))
        if len(chunk) >= ROWS_PER_MESSAGE:
            send(chunk)
            chunk = []
    if chunk:
        send(chunk)


def _sheet_rows(sheet: Any, keep_lines: set[int] | None = None) -> Iterator[tuple[int, list[Any]]]:
    """The non-empty rows of a calamine sheet as (line, cells), cells from column A."""
    pad = [""] * sheet.start[1] if sheet.start else []
    for index, cells in enumerate(sheet.iter_rows()):
        line = index + 1
        if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells) or (
            keep_lines and line in keep_lines
        ):
            yield line, pad + cells


def _sheet_part(zf: zipfile.ZipFile, sheet_index: int) -> str:
    """The package part of the workbook's sheet number `sheet_index`."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    sheet = book.findall("m:sheets/m:sheet", _NS)[sheet_index]
    rel_id = sheet.get(f"{{{_NS['r']}}}id")
    target = next(r.get("Target") for r in rels.findall("rel:Relationship", _NS) if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _formulas_without_value(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of the sheet holding a formula but no cached value: (line, column index) -> 'B7'.

    The sheet's XML is streamed (its elements dropped as they are read), never held whole.
    """
    out: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet_index)
            with zf.open(part) as fh:
                if not any(b"<f" in block for block in iter(lambda: fh.read(2**20), b"")):
                    return out
            cell_tag, row_tag, formula, value, inline = (
                f"{{{_NS['m']}}}{t}" for t in ("c", "row", "f", "v", "is")
            )
            with zf.open(part) as fh:
                for _event, cell in ElementTree.iterparse(fh):
                    if cell.tag == row_tag:
                        cell.clear()
                    if cell.tag != cell_tag:
                        continue
                    v = cell.find(value)
                    if (
                        cell.find(formula) is not None
                        and (v is None or not (v.text or "").strip())
                        and cell.find(inline) is None
                    ):
                        match = _CELL_REF.fullmatch(cell.get("r", ""))
                        if match:
                            out[(int(match.group(2)), _column_number(match.group(1)) - 1)] = match.group()
                    cell.clear()
    except (KeyError, IndexError, StopIteration, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        log.warning(
            "sheet %d not found in the package (%s); formulas are not checked", sheet_index, type(exc)
        )
    return out


# --- headers ----------------------------------------------------------------------------------


HEADER_MAX = 100  # characters of a header kept (a header is a few words; a 200,000-character one is not)


def header_text(cell: Any) -> str:
    """A header cell as text: invisible marks and control characters dropped, runs of spaces made
    one, cut at HEADER_MAX characters."""
    text = "" if cell is None else str(cell)[: HEADER_MAX * 4]
    return " ".join(printable(strip_invisible(text)).split())[:HEADER_MAX]


def field_of(header: str) -> str | None:
    """The person field a header names ('الجوال (05xxxxxxxx)' -> 'mobile'), or None."""
    key = fold(header)
    if not key:
        return None
    if key in _SYNONYM_TO_FIELD:
        return _SYNONYM_TO_FIELD[key]
    # "الجوال (05xxxxxxxx)", "Name - Arabic": the longest synonym the header starts with.
    best = None
    for synonym, fld in _SYNONYM_TO_FIELD.items():
        if key.startswith(synonym + " ") and (best is None or len(synonym) > len(best[0])):
            best = (synonym, fld)
    return best[1] if best else None


def map_headers(cells: list[Any]) -> tuple[dict[str, int], list[str]]:
    """field -> column index for the headers we know (the first of two naming one field), and the rest."""
    mapping: dict[str, int] = {}
    unmapped = []
    for index, cell in enumerate(cells):
        header = header_text(cell)
        if not header:
            continue
        fld = field_of(header)
        if fld is None or fld in mapping:
            unmapped.append(header)
        else:
            mapping[fld] = index
    return mapping, unmapped


def find_header(rows: list[tuple[int, list[Any]]]) -> Header | None:
    """The header row: the first of the first rows naming a name column (a title may sit above)."""
    for position, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, unmapped = map_headers(cells)
        if "full_name" in mapping:
            return Header(position, [header_text(c) for c in cells], mapping, unmapped)
    return None


def _label(key: str) -> str:
    arabic, english = _FIELD_LABELS[key]
    return f"{arabic} / {english}"


def some_headers(headers: list[Any]) -> str:
    """A few of a file's headers for a message: the first SHOWN_HEADERS, each shortened, printable."""
    texts = [printable(header_text(h)).strip() for h in headers]
    texts = [t if len(t) <= SHOWN_HEADER_CHARS else t[: SHOWN_HEADER_CHARS - 1] + "…" for t in texts if t]
    shown = ", ".join(texts[:SHOWN_HEADERS]) or "—"
    return shown + (f" … (+{len(texts) - SHOWN_HEADERS})" if len(texts) > SHOWN_HEADERS else "")


def locate_header(table: Table, path: Path | str) -> Header:
    """The table's header (among `table.head`); refuses, naming a few of the headers found, a file
    with no rows, no name column, or neither a national-ID nor a mobile column."""
    if not table.head:
        raise ValidationError("import.empty", field="file", path=_shown_path(path))
    header = find_header(table.head)
    if header is None:
        raise ValidationError(
            "import.missing_column",
            field="file",
            column=_label("full_name"),
            headers=some_headers(table.head[0][1]),
        )
    if "national_id" not in header.mapping and "mobile" not in header.mapping:
        raise ValidationError("import.missing_identifier", field="file", headers=some_headers(header.headers))
    return header
