"""Roster import from the files coordinators really have: Excel sheets and Arabic CSVs.

* CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1256 (Excel's
  Arabic CSV): UTF-8 is tried strictly first, cp1256 is the fallback. Delimiter , ; or tab.
* XLSX (and XLS/ODS) through python-calamine, which reads formula cells as the value Excel saved.
  A formula cell with no saved value (a file written by a program, never opened in Excel) is
  reported by cell instead of being silently read as empty.
* The header row may be Arabic or English, columns in any order, names matched after fold().
* Every row is validated like a form (services.people.clean_person); an invalid row is reported
  by the line number the user sees (the header is line 1) and is not written at all.
* Idempotent: people are matched by national ID, then mobile, and only fields that differ are
  written, so importing the same file twice writes nothing (no outbox entries either). Empty
  cells never erase what the roster already knows.
* Written in chunks of ~5,000 rows, one transaction each, through the ordinary ORM session, so
  the unit-of-work hooks stamp every row and write its outbox entry.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import select

from fieldapp.core import i18n
from fieldapp.core.dates import local_now
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import CleanPerson, PersonInput, clean_person, name_key
from fieldapp.core.people import is_blank as people_blank
from fieldapp.core.permissions import require
from fieldapp.core.text import fold, strip_invisible
from fieldapp.services import Changed, Services
from fieldapp.services.people import VIEW_COLUMNS
from fieldapp.store.models import Event, Person, Registration
from fieldapp.store.unit_of_work import insert_many
from fieldapp.sync.ids import uuid7

CHUNK_ROWS = 10_000  # one transaction (and one fsync) per chunk; progress and cancel between chunks
MAX_FILE_BYTES = 200 * 2**20
SAMPLE_ROWS = 5
_HEADER_SEARCH_ROWS = 10

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
        "import.duplicate_in_file": (
            "{what} {value} مكرر في الملف: ورد أولًا في السطر {first}",
            "{what} {value} appears twice in the file: first on line {first}",
        ),
        "import.mobile_taken": (
            "رقم الجوال {mobile} مسجّل باسم «{name}» برقم هوية مختلف",
            "Mobile {mobile} belongs to “{name}”, who has a different national ID",
        ),
        "import.badge_taken": (
            "رمز البطاقة {badge} مستخدم لـ«{name}»",
            "Badge code {badge} is already used by “{name}”",
        ),
        "import.formula_no_value": (
            "الخلية {cell} فيها معادلة بلا قيمة محفوظة؛ افتح الملف في Excel واحفظه ثم أعد الاستيراد",
            "Cell {cell} holds a formula with no saved value; open the file in Excel, save it, and import again",
        ),
        "import.event_not_found": (
            "الفعالية {event} غير موجودة",
            "The event {event} does not exist",
        ),
        "import.no_valid_rows": (
            "لا يوجد في الملف أي صف صحيح؛ لم يُستورد شيء",
            "No row of the file is valid; nothing was imported",
        ),
        "import.what.national_id": ("رقم الهوية", "National ID"),
        "import.what.mobile": ("رقم الجوال", "Mobile"),
        "import.what.badge_code": ("رمز البطاقة", "Badge code"),
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
_UPDATABLE = (
    "full_name",
    "latin_name",
    "national_id",
    "mobile",
    "gender",
    "birth_date",
    "guardian_consent",
    "badge_code",
    "notes",
)


@dataclass(frozen=True)
class RowError:
    line: int  # as the user sees it in the file: the header is line 1
    column: str | None  # the file's own header text of the offending column
    message_key: str
    message: str


@dataclass(frozen=True)
class ImportPreview:
    path: str
    format: str  # csv|xlsx|xls|ods
    encoding: str | None  # utf-8, utf-8-sig, utf-16, cp1256 (CSV only)
    delimiter: str | None  # CSV only
    headers: list[str]
    mapping: dict[str, str]  # field -> header as written in the file
    unmapped: list[str]  # headers we ignore
    row_count: int  # non-empty data rows
    errors: list[RowError]
    sample: list[dict[str, str]]  # a few valid rows, field -> value as it will be stored


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    registered: int
    errors: list[RowError]
    duration_s: float
    rows: int = 0  # non-empty data rows read
    cancelled: bool = False  # stopped between chunks: what was committed before stays
    dry_run: bool = False
    changed: Changed = field(default_factory=Changed, compare=False)

    @property
    def valid(self) -> int:
        return self.added + self.updated + self.unchanged


# --- reading files ----------------------------------------------------------------------------


@dataclass
class _Table:
    format: str
    encoding: str | None
    delimiter: str | None
    rows: list[tuple[int, list[Any]]]  # (line, cells), empty rows already left out
    bad_cells: dict[tuple[int, int], str]  # (line, column index) -> cell name: formula, no value


def _refuse(path: Path) -> ValidationError:
    return ValidationError("import.not_table", field="file", path=str(path))


def read_table(path: Path | str) -> _Table:
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


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _refuse(path) from exc
    if b"\x00" in data[:65536]:
        raise _refuse(path)  # binary: an image, a PDF, a database...
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _refuse(path) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    # cp1256 gives a character for almost any byte: refuse what is clearly not text.
    sample = text[:65536]
    junk = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
    if junk > max(3, len(sample) // 200):
        raise _refuse(path)
    return text, "cp1256"


def _sniff_delimiter(text: str) -> str:
    for line in text.splitlines()[:_HEADER_SEARCH_ROWS]:
        if line.strip():
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            if counts[best]:
                return best
    return ","


def _read_csv(path: Path, data: bytes) -> _Table:
    text, encoding = _decode(path, data)
    delimiter = _sniff_delimiter(text)
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
    return _Table("csv", encoding, delimiter, rows, {})


def _read_workbook(path: Path, kind: str) -> _Table:
    import python_calamine

    try:
        workbook = python_calamine.load_workbook(str(path))
        sheets = [workbook.get_sheet_by_index(i) for i in range(len(workbook.sheet_names))]
        grids = [sheet.to_python(skip_empty_area=False) for sheet in sheets]
    except Exception as exc:  # a zip that is not a workbook, a password, a broken file
        raise _refuse(path) from exc
    if not grids:
        raise _refuse(path)
    # The first sheet with a recognisable header row; else the first sheet (for the error).
    chosen = 0
    for index, grid in enumerate(grids):
        rows = _nonempty(grid)
        if rows and _find_header(rows)[0] is not None:
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
    return _Table(kind, None, None, rows, bad)


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


def _formulas_without_value(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of the sheet holding a formula but no cached value: (line, column index) -> 'B7'."""
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
            xml = zf.read(name)
    except (KeyError, IndexError, StopIteration, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    if b"<f" not in xml:
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


def _header_text(cell: Any) -> str:
    return " ".join(strip_invisible("" if cell is None else str(cell)).split())


def _field_of(header: str) -> str | None:
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


def _map_headers(cells: list[Any]) -> tuple[dict[str, int], list[str]]:
    mapping: dict[str, int] = {}
    unmapped = []
    for index, cell in enumerate(cells):
        header = _header_text(cell)
        if not header:
            continue
        fld = _field_of(header)
        if fld is None or fld in mapping:
            unmapped.append(header)
        else:
            mapping[fld] = index
    return mapping, unmapped


def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int | None, dict[str, int], list[str]]:
    """The header row: the first of the first rows naming a name column (a title may sit above)."""
    for position, (_line, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        mapping, unmapped = _map_headers(cells)
        if "full_name" in mapping:
            return position, mapping, unmapped
    return None, {}, []


def _label(key: str) -> str:
    arabic, english = _FIELD_LABELS[key]
    return f"{arabic} / {english}"


# --- the import -------------------------------------------------------------------------------


@dataclass
class _Parsed:
    table: _Table
    headers: list[str]
    mapping: dict[str, int]
    unmapped: list[str]
    row_count: int
    valid: list[tuple[int, CleanPerson, tuple[str, ...]]]  # (line, person, fields with a value)
    errors: list[RowError]


def _error(line: int, column: str | None, exc: ValidationError) -> RowError:
    return RowError(line, column, exc.key, exc.message(i18n.language()))


def _parse(path: Path | str) -> _Parsed:
    table = read_table(path)
    if not table.rows:
        raise ValidationError("import.empty", field="file", path=str(path))
    position, mapping, unmapped = _find_header(table.rows)
    first_headers = [_header_text(c) for c in table.rows[0][1] if _header_text(c)]
    if position is None:
        raise ValidationError(
            "import.missing_column",
            field="file",
            column=_label("full_name"),
            headers=", ".join(first_headers) or "—",
        )
    header_line, header_cells = table.rows[position]
    headers = [_header_text(c) for c in header_cells]
    if "national_id" not in mapping and "mobile" not in mapping:
        raise ValidationError(
            "import.missing_identifier", field="file", headers=", ".join(h for h in headers if h) or "—"
        )
    column_of = {fld: headers[i] for fld, i in mapping.items()}
    today = local_now().date()
    seen: dict[str, dict[str, int]] = {"national_id": {}, "mobile": {}, "badge_code": {}}
    valid: list[tuple[int, CleanPerson, tuple[str, ...]]] = []
    errors: list[RowError] = []
    data_rows = table.rows[position + 1 :]
    for line, cells in data_rows:
        values = {fld: (cells[i] if i < len(cells) else None) for fld, i in mapping.items()}
        formula_cells = [
            (fld, table.bad_cells[(line, i)]) for fld, i in mapping.items() if (line, i) in table.bad_cells
        ]
        if formula_cells:
            for fld, ref in formula_cells:
                errors.append(
                    _error(line, column_of[fld], ValidationError("import.formula_no_value", cell=ref))
                )
            continue
        person, problems = clean_person(PersonInput(**_input_args(values)), today)
        if problems:
            for exc in problems:
                column = (
                    column_of.get(exc.field or "") or column_of.get("national_id") or column_of.get("mobile")
                )
                errors.append(_error(line, column, exc))
            continue
        assert person is not None
        if not person.checksum_ok:
            exc = ValidationError("national_id.checksum", field="national_id", nid=person.national_id)
            errors.append(_error(line, column_of.get("national_id"), exc))
            continue
        duplicate = False
        for fld in ("national_id", "mobile", "badge_code"):
            value = getattr(person, fld)
            if value is None:
                continue
            first = seen[fld].get(value)
            if first is not None:
                what = i18n.msg(f"import.what.{fld}", i18n.language())
                exc = ValidationError(
                    "import.duplicate_in_file", field=fld, what=what, value=value, first=first
                )
                errors.append(_error(line, column_of.get(fld), exc))
                duplicate = True
                break
        if duplicate:
            continue
        for fld in ("national_id", "mobile", "badge_code"):
            value = getattr(person, fld)
            if value is not None:
                seen[fld][value] = line
        # A tuple, not a set: kept for 100,000 rows, a set per row costs ~60 MB more.
        present = tuple(fld for fld, v in values.items() if not _is_blank(v))
        valid.append((line, person, present))
    del header_line
    table.rows = []  # the raw cells are no longer needed: free them before the writing starts
    return _Parsed(table, headers, mapping, unmapped, len(data_rows), valid, errors)


_is_blank = people_blank


def _input_args(values: dict[str, Any]) -> dict[str, Any]:
    args = {fld: values.get(fld) for fld in _UPDATABLE}
    args["full_name"] = "" if args["full_name"] is None else str(args["full_name"])
    if args["notes"] is not None and not isinstance(args["notes"], str):
        args["notes"] = str(args["notes"])
    if args["guardian_consent"] is None:
        args["guardian_consent"] = False
    for fld in ("latin_name", "gender"):
        if args[fld] is not None and not isinstance(args[fld], str):
            args[fld] = str(args[fld])
    return args


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class RosterImportService:
    def __init__(self, services: Services) -> None:
        self.s = services

    def preview(self, path: Path | str) -> ImportPreview:
        """What the import would read: format, header mapping, row count, per-line errors, samples."""
        parsed = _parse(path)
        headers_by_index = parsed.headers
        sample = []
        for _line, person, _present in parsed.valid[:SAMPLE_ROWS]:
            columns = person.columns()
            sample.append({fld: _display(columns[fld]) for fld in parsed.mapping})
        return ImportPreview(
            path=str(path),
            format=parsed.table.format,
            encoding=parsed.table.encoding,
            delimiter=parsed.table.delimiter,
            headers=[h for h in headers_by_index if h],
            mapping={fld: headers_by_index[i] for fld, i in parsed.mapping.items()},
            unmapped=parsed.unmapped,
            row_count=parsed.row_count,
            errors=parsed.errors,
            sample=sample,
        )

    def run(
        self,
        path: Path | str,
        event_id: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Import (add or update) everyone valid in the file; with `event_id`, register them too."""
        require(self.s.actor, "roster.import")
        started = time.perf_counter()
        parsed = _parse(path)
        store = self.s.store
        with store.reader() as r:
            if event_id is not None:
                event = r.get(Event, event_id)
                if event is None or event.deleted:
                    raise NotFoundError("import.event_not_found", field="event", event=event_id)
            existing = r.execute(select(*VIEW_COLUMNS).where(Person.deleted.is_(False))).all()
            registered: set[str] = set()
            if event_id is not None:
                registered = set(
                    r.scalars(
                        select(Registration.person_id).where(
                            Registration.event_id == event_id, Registration.deleted.is_(False)
                        )
                    )
                )
        plan, errors = self._plan(parsed, existing)
        errors = sorted(parsed.errors + errors, key=lambda e: e.line)
        total = len(plan)
        counts = {"add": 0, "update": 0, "same": 0}
        for kind, *_ in plan:
            counts[kind] += 1
        to_register = [] if event_id is None else [pid for _, pid, _ in plan if pid not in registered]
        to_register = list(dict.fromkeys(to_register))
        if dry_run:
            return ImportReport(
                counts["add"],
                counts["update"],
                counts["same"],
                len(to_register),
                errors,
                round(time.perf_counter() - started, 3),
                rows=parsed.row_count,
                dry_run=True,
            )
        done = {"add": 0, "update": 0, "same": 0}
        registered_now = 0
        cancelled = False
        label = f"import roster {Path(path).name}"
        if progress:
            progress(0, total)
        for start in range(0, total, CHUNK_ROWS):
            if cancel is not None and cancel():
                cancelled = True
                break
            chunk = plan[start : start + CHUNK_ROWS]
            registered_now += self._write_chunk(chunk, event_id, registered, label)
            for kind, *_ in chunk:
                done[kind] += 1
            if progress:
                progress(min(start + CHUNK_ROWS, total), total)
        topics = []
        if done["add"] or done["update"]:
            topics.append("people")
        if registered_now:
            topics.append("events")
        return ImportReport(
            done["add"],
            done["update"],
            done["same"],
            registered_now,
            errors,
            round(time.perf_counter() - started, 3),
            rows=parsed.row_count,
            cancelled=cancelled,
            changed=Changed.of(*topics),
        )

    # --- planning: match every valid row against the roster, before writing anything ---------

    @staticmethod
    def _plan(parsed: _Parsed, existing: list[Any]) -> tuple[list[tuple[str, str, Any]], list[RowError]]:
        by_nid = {row.national_id: row for row in existing if row.national_id}
        by_mobile = {row.mobile: row for row in existing if row.mobile}
        by_badge = {row.badge_code: row for row in existing if row.badge_code}
        headers = parsed.headers
        column_of = {fld: headers[i] for fld, i in parsed.mapping.items()}
        lang = i18n.language()
        plan: list[tuple[str, str, Any]] = []
        errors: list[RowError] = []
        for line, person, present in parsed.valid:
            match = by_nid.get(person.national_id) if person.national_id else None
            owner = by_mobile.get(person.mobile) if person.mobile else None
            if owner is not None and (match is None or owner.id != match.id):
                if match is None and (person.national_id is None or owner.national_id is None):
                    match = owner
                else:
                    exc = ValidationError(
                        "import.mobile_taken", field="mobile", mobile=person.mobile, name=owner.full_name
                    )
                    errors.append(RowError(line, column_of.get("mobile"), exc.key, exc.message(lang)))
                    continue
            badge_owner = by_badge.get(person.badge_code) if person.badge_code else None
            if badge_owner is not None and (match is None or badge_owner.id != match.id):
                exc = ValidationError(
                    "import.badge_taken",
                    field="badge_code",
                    badge=person.badge_code,
                    name=badge_owner.full_name,
                )
                errors.append(RowError(line, column_of.get("badge_code"), exc.key, exc.message(lang)))
                continue
            if match is None:
                plan.append(("add", uuid7(), person))
                continue
            changes = {}
            new = person.columns()
            for fld in _UPDATABLE:
                if fld in present and new[fld] != getattr(match, fld):
                    changes[fld] = new[fld]
            if "full_name" in changes or "latin_name" in changes:
                changes["name_key"] = name_key(
                    changes.get("full_name", match.full_name), changes.get("latin_name", match.latin_name)
                )
            plan.append(("update", match.id, changes) if changes else ("same", match.id, None))
        return plan, errors

    def _write_chunk(
        self, chunk: list[tuple[str, str, Any]], event_id: str | None, registered: set[str], label: str
    ) -> int:
        added = [(pid, person) for kind, pid, person in chunk if kind == "add"]
        updates = {pid: changes for kind, pid, changes in chunk if kind == "update"}
        with self.s.store.session(self.s.actor.user_name, bulk_audit=label) as s:
            if added:
                insert_many(s, Person, [{**person.columns(), "id": pid} for pid, person in added])
            if updates:
                for row in s.scalars(select(Person).where(Person.id.in_(list(updates)))):
                    for key, value in updates[row.id].items():
                        setattr(row, key, value)
            if added or updates:
                s.flush()  # people before their registrations (the foreign key is checked at once)
            new_regs = []
            if event_id is not None:
                for _, pid, _ in chunk:
                    if pid not in registered:
                        registered.add(pid)
                        new_regs.append(Registration(event_id=event_id, person_id=pid, source="import"))
                s.add_all(new_regs)
        return len(new_regs)
