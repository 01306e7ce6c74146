"""Roster import: every row of a coordinator's file validated like a form, then added or updated.

* Reading the file (CSV encodings and delimiters, Excel workbooks, Arabic or English headers) is
  pure code in core.roster_files; this service validates the rows and stores them.
* Every row is validated like a form (core.people.clean_person); an invalid row is reported by the
  line number the user sees (the header is line 1) and is not written at all.
* Idempotent: people are matched by national ID, then mobile, and only fields that differ are
  written, so importing the same file twice writes nothing (no outbox entries either). Empty
  cells never erase what the roster already knows.
* `run()` is ONE write (services.contract) whose report says what changed. It streams the file:
  CHUNK_ROWS rows at a time are validated, matched against the roster (looked up for that chunk
  only) and committed in one transaction through the ordinary unit of work (every row stamped,
  with its outbox entry), so memory stays flat whatever the file's size (what is kept is the
  values seen so far, to refuse a second row with the same ID, mobile or badge), progress shows
  and Cancel stops between chunks: what was committed stays, and the report says so.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, bindparam, func, select

from fieldapp.core import i18n
from fieldapp.core.dates import local_now
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import CleanPerson, PersonInput, clean_person, is_blank, name_key
from fieldapp.core.permissions import require
from fieldapp.core.roster_files import Header, Table, count_rows, locate_header, read_table
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.people import VIEW_COLUMNS
from fieldapp.store.models import Event, Person, Registration
from fieldapp.store.unit_of_work import insert_many
from fieldapp.sync.ids import uuid7

CHUNK_ROWS = 10_000  # one transaction (and one fsync) per chunk; progress and cancel between chunks
SAMPLE_ROWS = 5
MAX_LISTED_ERRORS = 5_000  # errors kept with their text; the rest are counted (a file of garbage)

i18n.register(
    {
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
_UNIQUE = ("national_id", "mobile", "badge_code")  # no two rows of a file may share one of these


@dataclass(frozen=True)
class RowError:
    line: int  # as the user sees it in the file: the header is line 1
    column: str | None  # the file's own header text of the offending column
    message_key: str
    message: str
    name: str = ""  # the person's name as the file has it: whoever fixes the file finds the row


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
    errors: list[RowError]  # the first MAX_LISTED_ERRORS, by line
    sample: list[dict[str, str]]  # a few valid rows, field -> value as it will be stored
    error_lines: int = 0  # lines with an error, listed or not
    errors_left_out: int = 0  # errors beyond the listed ones


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
    error_lines: int = 0  # lines with an error, listed in `errors` or not
    errors_left_out: int = 0  # errors beyond the MAX_LISTED_ERRORS listed
    changed: Changed = field(default_factory=Changed, compare=False)

    @property
    def valid(self) -> int:
        return self.added + self.updated + self.unchanged


# --- validating the rows ----------------------------------------------------------------------

# (line, person, fields with a value) — a tuple, not a set: kept for 100,000 rows, a set per row
# costs ~60 MB more.
_Valid = tuple[int, CleanPerson, tuple[str, ...]]
# ("add", new id, CleanPerson) | ("update", id, {field: value}) | ("same", id, None)
_Step = tuple[str, str, Any]


def _error(line: int, column: str | None, exc: ValidationError, name: str = "") -> RowError:
    return RowError(line, column, exc.key, exc.message(i18n.language()), name)


class _Errors:
    """A file's errors: the first MAX_LISTED_ERRORS kept, every one counted, and the lines they are on
    (errors arrive line by line, several for one line one after the other)."""

    def __init__(self) -> None:
        self.listed: list[RowError] = []
        self.left_out = 0
        self.lines = 0
        self._last_line: int | None = None

    def add(self, error: RowError) -> None:
        if error.line != self._last_line:
            self.lines += 1
            self._last_line = error.line
        if len(self.listed) < MAX_LISTED_ERRORS:
            self.listed.append(error)
        else:
            self.left_out += 1

    def by_line(self) -> list[RowError]:
        return sorted(self.listed, key=lambda e: e.line)


class _RowChecker:
    """Checks the data rows of one file in order: each like a form, then against the rows before it."""

    def __init__(self, table: Table, header: Header) -> None:
        self.bad_cells = table.bad_cells
        self.mapping = header.mapping
        self.column_of = header.column_of()
        self.today = local_now().date()
        self.seen: dict[str, dict[str, int]] = {fld: {} for fld in _UNIQUE}  # value -> first line
        self.errors = _Errors()
        self.name = ""  # of the row being checked

    def check(self, line: int, cells: list[Any]) -> _Valid | None:
        """The row as a valid person, or None with its errors added to `errors`."""
        values = {fld: (cells[i] if i < len(cells) else None) for fld, i in self.mapping.items()}
        self.name = "" if is_blank(values.get("full_name")) else str(values["full_name"]).strip()
        if self.bad_cells and self._formulas_without_value(line):
            return None
        person, problems = clean_person(PersonInput(**_input_args(values)), self.today)
        if problems:
            for exc in problems:
                column = (
                    self.column_of.get(exc.field or "")
                    or self.column_of.get("national_id")
                    or self.column_of.get("mobile")
                )
                self.errors.add(_error(line, column, exc, self.name))
            return None
        assert person is not None
        if not person.checksum_ok:
            exc = ValidationError("national_id.checksum", field="national_id", nid=person.national_id)
            self.errors.add(_error(line, self.column_of.get("national_id"), exc, self.name))
            return None
        if self._duplicate(line, person):
            return None
        for fld in _UNIQUE:
            value = getattr(person, fld)
            if value is not None:
                self.seen[fld][value] = line
        present = tuple(fld for fld, v in values.items() if not is_blank(v))
        return line, person, present

    def _formulas_without_value(self, line: int) -> bool:
        found = False
        for fld, i in self.mapping.items():
            ref = self.bad_cells.get((line, i))
            if ref is not None:
                exc = ValidationError("import.formula_no_value", cell=ref)
                self.errors.add(_error(line, self.column_of[fld], exc, self.name))
                found = True
        return found

    def _duplicate(self, line: int, person: CleanPerson) -> bool:
        for fld in _UNIQUE:
            value = getattr(person, fld)
            first = None if value is None else self.seen[fld].get(value)
            if first is not None:
                what = i18n.msg(f"import.what.{fld}", i18n.language())
                exc = ValidationError(
                    "import.duplicate_in_file", field=fld, what=what, value=value, first=first
                )
                self.errors.add(_error(line, self.column_of.get(fld), exc, person.full_name))
                return True
        return False


def _data_rows(table: Table, header: Header) -> Iterator[tuple[int, list[Any]]]:
    """The rows below the header, streamed."""
    rows = table.rows()
    for _ in range(header.position + 1):
        next(rows)
    return rows


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


# --- planning: match every valid row against the roster, before writing anything -------------


def _plan(
    valid: list[_Valid], existing: list[Any], column_of: dict[str, str]
) -> tuple[list[_Step], list[RowError]]:
    """Match valid rows against `existing` (the roster's rows sharing an ID, mobile or badge)."""
    by_nid = {row.national_id: row for row in existing if row.national_id}
    by_mobile = {row.mobile: row for row in existing if row.mobile}
    by_badge = {row.badge_code: row for row in existing if row.badge_code}
    plan: list[_Step] = []
    errors: list[RowError] = []
    for line, person, present in valid:
        match = by_nid.get(person.national_id) if person.national_id else None
        owner = by_mobile.get(person.mobile) if person.mobile else None
        if owner is not None and (match is None or owner.id != match.id):
            if match is None and (person.national_id is None or owner.national_id is None):
                match = owner
            else:
                exc = ValidationError(
                    "import.mobile_taken", field="mobile", mobile=person.mobile, name=owner.full_name
                )
                errors.append(_error(line, column_of.get("mobile"), exc, person.full_name))
                continue
        badge_owner = by_badge.get(person.badge_code) if person.badge_code else None
        if badge_owner is not None and (match is None or badge_owner.id != match.id):
            exc = ValidationError(
                "import.badge_taken", field="badge_code", badge=person.badge_code, name=badge_owner.full_name
            )
            errors.append(_error(line, column_of.get("badge_code"), exc, person.full_name))
            continue
        if match is None:
            plan.append(("add", uuid7(), person))
            continue
        changes = _changes(person, present, match)
        plan.append(("update", match.id, changes) if changes else ("same", match.id, None))
    return plan, errors


def _changes(person: CleanPerson, present: tuple[str, ...], row: Any) -> dict[str, Any]:
    """The fields the file gives a value for that differ from the stored row (never an erase)."""
    new = person.columns()
    changes = {fld: new[fld] for fld in _UPDATABLE if fld in present and new[fld] != getattr(row, fld)}
    if "full_name" in changes or "latin_name" in changes:
        changes["name_key"] = name_key(
            changes.get("full_name", row.full_name), changes.get("latin_name", row.latin_name)
        )
    return changes


# --- the service ------------------------------------------------------------------------------


# `column.in_(_ANY_OF)` with {"values": [...]}: one JSON array parameter, not thousands of bound
# ones (SQLAlchemy renders a long IN list anew for every query, which cost more than SQLite's
# indexed lookups).
_ANY_OF = select(func.json_each(bindparam("values", type_=JSON)).table_valued("value"))


def _candidates(session: Any, valid: list[_Valid]) -> list[Any]:
    """The roster's rows (VIEW_COLUMNS) that share a national ID, mobile or badge with `valid`."""
    found: dict[str, Any] = {}
    for column, attr in (
        (Person.national_id, "national_id"),
        (Person.mobile, "mobile"),
        (Person.badge_code, "badge_code"),
    ):
        values = [v for _, person, _ in valid if (v := getattr(person, attr)) is not None]
        if not values:
            continue
        query = select(*VIEW_COLUMNS).where(Person.deleted.is_(False), column.in_(_ANY_OF))
        for row in session.execute(query, {"values": values}):
            found[row.id] = row
    return list(found.values())


class _Counts:
    def __init__(self) -> None:
        self.done = {"add": 0, "update": 0, "same": 0}
        self.registered = 0
        self.rows = 0


class RosterImportService(Service):
    def preview(self, path: Path | str) -> ImportPreview:
        """What the import would read: format, header mapping, row count, per-line errors, samples.

        A read that touches no database: the file alone is decoded and validated, streamed.
        """
        with read_table(path) as table:
            header = locate_header(table, path)
            checker = _RowChecker(table, header)
            sample = []
            row_count = 0
            for line, cells in _data_rows(table, header):
                row_count += 1
                valid = checker.check(line, cells)
                if valid is not None and len(sample) < SAMPLE_ROWS:
                    columns = valid[1].columns()
                    sample.append({fld: _display(columns[fld]) for fld in header.mapping})
        return ImportPreview(
            path=str(path),
            format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            headers=[h for h in header.headers if h],
            mapping=header.column_of(),
            unmapped=header.unmapped,
            row_count=row_count,
            errors=checker.errors.by_line(),
            sample=sample,
            error_lines=checker.errors.lines,
            errors_left_out=checker.errors.left_out,
        )

    @write
    def run(
        self,
        path: Path | str,
        event_id: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Import (add or update) everyone valid in the file; with `event_id`, register them too."""
        require(self.actor, "roster.import")
        started = time.perf_counter()
        if event_id is not None:
            with self.reader() as session:
                event = session.get(Event, event_id)
                if event is None or event.deleted:
                    raise NotFoundError("import.event_not_found", field="event", event=event_id)
        label = f"import roster {Path(path).name}"
        counts = _Counts()
        cancelled = False
        with read_table(path) as table:
            header = locate_header(table, path)
            total = count_rows(table) - header.position - 1
            checker = _RowChecker(table, header)
            errors = checker.errors
            column_of = header.column_of()
            if progress:
                progress(0, total)
            rows = _data_rows(table, header)
            while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
                if cancel is not None and cancel():
                    cancelled = True
                    break
                counts.rows += len(chunk)
                valid = [v for line, cells in chunk if (v := checker.check(line, cells)) is not None]
                del chunk
                for error in self._import_chunk(valid, column_of, event_id, label, counts, dry_run):
                    errors.add(error)
                if progress:
                    progress(min(counts.rows, total), total)
            if cancelled:  # the rows not read are still counted, as the file holds them
                counts.rows += sum(1 for _ in rows)
        changed = Changed()
        if not dry_run and (counts.done["add"] or counts.done["update"]):
            changed |= Changed.of("people")
        if not dry_run and counts.registered:
            changed |= Changed.of("events", "registrations")
        return ImportReport(
            counts.done["add"],
            counts.done["update"],
            counts.done["same"],
            counts.registered,
            errors.by_line(),
            round(time.perf_counter() - started, 3),
            rows=counts.rows,
            cancelled=cancelled,
            dry_run=dry_run,
            error_lines=errors.lines,
            errors_left_out=errors.left_out,
            changed=changed,
        )

    def _import_chunk(
        self,
        valid: list[_Valid],
        column_of: dict[str, str],
        event_id: str | None,
        label: str,
        counts: _Counts,
        dry_run: bool,
    ) -> list[RowError]:
        """Match one chunk against the roster and write it in one transaction (only count it on a dry run)."""
        if dry_run:
            with self.reader() as session:
                plan, errors = _plan(valid, _candidates(session, valid), column_of)
                to_register = self._unregistered(session, event_id, plan)
        else:
            with self.transaction(bulk_audit=label) as session:
                plan, errors = _plan(valid, _candidates(session, valid), column_of)
                to_register = self._write_chunk(session, plan, event_id)
        for kind, *_ in plan:
            counts.done[kind] += 1
        counts.registered += len(to_register)
        return errors

    @staticmethod
    def _unregistered(session: Any, event_id: str | None, plan: list[_Step]) -> set[str]:
        """The people of `plan` not registered for `event_id` yet (none without an event)."""
        if event_id is None:
            return set()
        ids = {pid for _, pid, _ in plan}
        registered = session.scalars(
            select(Registration.person_id).where(
                Registration.event_id == event_id,
                Registration.deleted.is_(False),
                Registration.person_id.in_(_ANY_OF),
            ),
            {"values": list(ids)},
        )
        return ids - set(registered)

    def _write_chunk(self, session: Any, plan: list[_Step], event_id: str | None) -> set[str]:
        """New people, changed fields, then their registrations; returns who was registered."""
        added = [(pid, person) for kind, pid, person in plan if kind == "add"]
        updates = {pid: changes for kind, pid, changes in plan if kind == "update"}
        if added:
            insert_many(session, Person, [{**person.columns(), "id": pid} for pid, person in added])
        if updates:
            for row in session.scalars(select(Person).where(Person.id.in_(list(updates)))):
                for key, value in updates[row.id].items():
                    setattr(row, key, value)
        if added or updates:
            session.flush()  # people before their registrations (the foreign key is checked at once)
        to_register = self._unregistered(session, event_id, plan)
        session.add_all(
            Registration(event_id=event_id, person_id=pid, source="import")
            for _, pid, _ in plan
            if pid in to_register
        )
        return to_register
