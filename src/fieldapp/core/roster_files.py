"""Roster files as coordinators really have them, decoded into rows and a header (pure: no database).

* CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1256 (Excel's
  Arabic CSV): UTF-8 is tried strictly first, cp1256 is the fallback. Delimiter , ; or tab.
* XLSX (and XLS/ODS) through python-calamine, which reads formula cells as the value Excel saved.
  A formula cell with no saved value (a file written by a program, never opened in Excel) is
  listed by cell (`Table.bad_cells`) instead of being silently read as empty.
* The header row may be Arabic or English, columns in any order, names matched after fold();
  a title may sit above it.

`read_table()` gives the non-empty rows with the line numbers the user sees; `locate_header()`
finds the header row and which column holds which field. Validating the rows and storing them is
the roster import service's job (services.roster_import).
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.text import fold, strip_invisible

log = logging.getLogger("fieldapp.import")

MAX_FILE_BYTES = 200 * 2**20
HEADER_SEARCH_ROWS = 10  # the header may sit below a title: looked for in the first rows

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
    """A decoded file: its non-empty rows, numbered as the user sees them (the first line is 1)."""

    format: str  # csv|xlsx|xls|ods
    encoding: str | None  # utf-8, utf-8-sig, utf-16, cp1256 (CSV only)
    delimiter: str | None  # CSV only
    rows: list[tuple[int, list[Any]]]  # (line, cells), empty rows already left out
    bad_cells: dict[tuple[int, int], str]  # (line, column index) -> cell name: formula, no value


@dataclass(frozen=True)
class Header:
    """The header row of a table and what its columns hold."""

    position: int  # index in Table.rows
    headers: list[str]  # the header texts as written, one per column ('' for a blank one)
    mapping: dict[str, int]  # field -> column index
    unmapped: list[str]  # headers we ignore

    def column_of(self) -> dict[str, str]:
        """field -> the file's own header text of that column."""
        return {fld: self.headers[i] for fld, i in self.mapping.items()}


# --- reading files ----------------------------------------------------------------------------


def _refuse(path: Path) -> ValidationError:
    return ValidationError("import.not_table", field="file", path=str(path))


def read_table(path: Path | str) -> Table:
    """Decode a CSV or a workbook; refuses what is missing, too big or not a table, with a message."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ValidationError("import.file_missing", field="file", path=str(path)) from exc
    if not path.is_file():
        raise ValidationError("import.file_missing", field="file", path=str(path))
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            "import.too_big", field="file", path=str(path), size=size // 2**20, limit=MAX_FILE_BYTES // 2**20
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_workbook(path, "xlsx" if path.suffix.lower() != ".ods" else "ods")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_workbook(path, "xls")
    return _read_csv(path, path.read_bytes())


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a text file's bytes, or None when they are clearly not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:65536]:
        return None  # binary: an image, a PDF, a database...
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    # cp1256 gives a character for almost any byte: refuse what is clearly not text.
    sample = text[:65536]
    junk = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
    if junk > max(3, len(sample) // 200):
        return None
    return text, "cp1256"


def sniff_delimiter(text: str) -> str:
    """, ; or tab: the one the first non-empty line uses most (a comma when it uses none)."""
    for line in text.splitlines()[:HEADER_SEARCH_ROWS]:
        if line.strip():
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            if counts[best]:
                return best
    return ","


def _read_csv(path: Path, data: bytes) -> Table:
    decoded = decode_text(data)
    if decoded is None:
        raise _refuse(path)
    text, encoding = decoded
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line, cells))
            line = reader.line_num + 1  # a quoted cell may span several physical lines
    except csv.Error as exc:
        raise _refuse(path) from exc
    return Table("csv", encoding, delimiter, rows, {})


def _read_workbook(path: Path, kind: str) -> Table:
    import python_calamine

    try:
        workbook = python_calamine.load_workbook(str(path))
        sheets = [workbook.get_sheet_by_index(i) for i in range(len(workbook.sheet_names))]
        grids = [sheet.to_python(skip_empty_area=False) for sheet in sheets]
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise _refuse(path) from exc  # a zip that is not a workbook, a password, a broken file
    if not grids:
        raise _refuse(path)
    # The first sheet with a recognisable header row; else the first sheet (for the error).
    chosen = 0
    for index, grid in enumerate(grids):
        rows = _nonempty(grid)
        if rows and find_header(rows) is not None:
            chosen = index
            break
    bad = _formulas_without_value(path, chosen) if kind == "xlsx" else {}
    rows = _nonempty(grids[chosen])
    present = {line for line, _ in rows}
    # Rows whose only content is formulas without values must still be reported, not skipped.
    width = max((len(cells) for _, cells in rows), default=0)
    for line in sorted({line for line, _ in bad} - present):
        rows.append((line, [""] * width))
    rows.sort(key=lambda r: r[0])
    return Table(kind, None, None, rows, bad)


def _nonempty(grid: list[list[Any]]) -> list[tuple[int, list[Any]]]:
    return [
        (i + 1, cells)
        for i, cells in enumerate(grid)
        if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells)
    ]


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _sheet_xml(path: Path, sheet_index: int) -> bytes | None:
    """The XML of the workbook's sheet number `sheet_index`, or None if the package is unusual
    (calamine read it, so only the check for formulas without a saved value is skipped)."""
    try:
        with zipfile.ZipFile(path) as zf:
            book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            sheet = book.findall("m:sheets/m:sheet", _NS)[sheet_index]
            rel_id = sheet.get(f"{{{_NS['r']}}}id")
            target = next(
                r.get("Target") for r in rels.findall("rel:Relationship", _NS) if r.get("Id") == rel_id
            )
            name = target.lstrip("/") if target.startswith("/") else "xl/" + target
            return zf.read(name)
    except (KeyError, IndexError, StopIteration, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        log.warning(
            "%s: sheet %d not found in the package (%r); formulas are not checked", path, sheet_index, exc
        )
        return None


def _formulas_without_value(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of the sheet holding a formula but no cached value: (line, column index) -> 'B7'."""
    xml = _sheet_xml(path, sheet_index)
    if xml is None or b"<f" not in xml:
        return {}
    out: dict[tuple[int, int], str] = {}
    for cell in ElementTree.fromstring(xml).iter(f"{{{_NS['m']}}}c"):
        if cell.find("m:f", _NS) is None:
            continue
        value = cell.find("m:v", _NS)
        inline = cell.find("m:is", _NS)
        if (value is None or not (value.text or "").strip()) and inline is None:
            ref = cell.get("r", "")
            match = _CELL_REF.fullmatch(ref)
            if match:
                col = 0
                for ch in match.group(1):
                    col = col * 26 + ord(ch) - 64
                out[(int(match.group(2)), col - 1)] = ref
    return out


# --- headers ----------------------------------------------------------------------------------


def header_text(cell: Any) -> str:
    """A header cell as text: invisible marks dropped, runs of spaces made one."""
    return " ".join(strip_invisible("" if cell is None else str(cell)).split())


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


def locate_header(table: Table, path: Path | str) -> Header:
    """The table's header; refuses, naming the headers found, a file with no rows, no name column,
    or neither a national-ID nor a mobile column."""
    if not table.rows:
        raise ValidationError("import.empty", field="file", path=str(path))
    header = find_header(table.rows)
    if header is None:
        first_headers = [header_text(c) for c in table.rows[0][1] if header_text(c)]
        raise ValidationError(
            "import.missing_column",
            field="file",
            column=_label("full_name"),
            headers=", ".join(first_headers) or "—",
        )
    if "national_id" not in header.mapping and "mobile" not in header.mapping:
        raise ValidationError(
            "import.missing_identifier",
            field="file",
            headers=", ".join(h for h in header.headers if h) or "—",
        )
    return header
