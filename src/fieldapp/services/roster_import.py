"""Roster import: every row of a coordinator's file validated like a form, then added or updated.

* Reading the file (CSV encodings and delimiters, Excel workbooks, Arabic or English headers) is
  pure code in core.roster_files; this service validates the rows and stores them.
* Every row is validated like a form (core.people.clean_person); an invalid row is reported by the
  line number the user sees (the header is line 1) and is not written at all.
* Idempotent: people are matched by national ID, then mobile, and only fields that differ are
  written, so importing the same file twice writes nothing (no outbox entries either). Empty
  cells never erase what the roster already knows.
* `run()` is ONE write (services.contract) whose report says what changed. It commits in chunks of
  CHUNK_ROWS rows, one transaction each, through the ordinary unit of work (every row stamped, with
  its outbox entry), so progress shows and Cancel stops between chunks: what was committed stays,
  and the report says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldapp.core import i18n
from fieldapp.core.dates import local_now
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import CleanPerson, PersonInput, clean_person, is_blank, name_key
from fieldapp.core.permissions import require
from fieldapp.core.roster_files import Header, Table, locate_header, read_table
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.people import VIEW_COLUMNS
from fieldapp.store.models import Event, Person, Registration
from fieldapp.store.unit_of_work import insert_many
from fieldapp.sync.ids import uuid7

CHUNK_ROWS = 10_000  # one transaction (and one fsync) per chunk; progress and cancel between chunks
SAMPLE_ROWS = 5

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


# --- validating the rows ----------------------------------------------------------------------

# (line, person, fields with a value) — a tuple, not a set: kept for 100,000 rows, a set per row
# costs ~60 MB more.
_Valid = tuple[int, CleanPerson, tuple[str, ...]]
# ("add", new id, CleanPerson) | ("update", id, {field: value}) | ("same", id, None)
_Step = tuple[str, str, Any]


@dataclass
class _Parsed:
    table: Table
    header: Header
    row_count: int
    valid: list[_Valid]
    errors: list[RowError]


def _error(line: int, column: str | None, exc: ValidationError, name: str = "") -> RowError:
    return RowError(line, column, exc.key, exc.message(i18n.language()), name)


class _RowChecker:
    """Checks the data rows of one file in order: each like a form, then against the rows before it."""

    def __init__(self, table: Table, header: Header) -> None:
        self.bad_cells = table.bad_cells
        self.mapping = header.mapping
        self.column_of = header.column_of()
        self.today = local_now().date()
        self.seen: dict[str, dict[str, int]] = {fld: {} for fld in _UNIQUE}  # value -> first line
        self.valid: list[_Valid] = []
        self.errors: list[RowError] = []
        self.name = ""  # of the row being checked

    def check(self, line: int, cells: list[Any]) -> None:
        values = {fld: (cells[i] if i < len(cells) else None) for fld, i in self.mapping.items()}
        self.name = "" if is_blank(values.get("full_name")) else str(values["full_name"]).strip()
        if self.bad_cells and self._formulas_without_value(line):
            return
        person, problems = clean_person(PersonInput(**_input_args(values)), self.today)
        if problems:
            for exc in problems:
                column = (
                    self.column_of.get(exc.field or "")
                    or self.column_of.get("national_id")
                    or self.column_of.get("mobile")
                )
                self.errors.append(_error(line, column, exc, self.name))
            return
        assert person is not None
        if not person.checksum_ok:
            exc = ValidationError("national_id.checksum", field="national_id", nid=person.national_id)
            self.errors.append(_error(line, self.column_of.get("national_id"), exc, self.name))
            return
        if self._duplicate(line, person):
            return
        for fld in _UNIQUE:
            value = getattr(person, fld)
            if value is not None:
                self.seen[fld][value] = line
        present = tuple(fld for fld, v in values.items() if not is_blank(v))
        self.valid.append((line, person, present))

    def _formulas_without_value(self, line: int) -> bool:
        found = False
        for fld, i in self.mapping.items():
            ref = self.bad_cells.get((line, i))
            if ref is not None:
                exc = ValidationError("import.formula_no_value", cell=ref)
                self.errors.append(_error(line, self.column_of[fld], exc, self.name))
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
                self.errors.append(_error(line, self.column_of.get(fld), exc, person.full_name))
                return True
        return False


def _parse(path: Path | str) -> _Parsed:
    table = read_table(path)
    header = locate_header(table, path)
    checker = _RowChecker(table, header)
    data_rows = table.rows[header.position + 1 :]
    for line, cells in data_rows:
        checker.check(line, cells)
    row_count = len(data_rows)
    del data_rows
    table.rows = []  # the raw cells are no longer needed: free them before the writing starts
    return _Parsed(table, header, row_count, checker.valid, checker.errors)


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


def _plan(parsed: _Parsed, existing: list[Any]) -> tuple[list[_Step], list[RowError]]:
    by_nid = {row.national_id: row for row in existing if row.national_id}
    by_mobile = {row.mobile: row for row in existing if row.mobile}
    by_badge = {row.badge_code: row for row in existing if row.badge_code}
    column_of = parsed.header.column_of()
    plan: list[_Step] = []
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


def _counts(plan: list[_Step]) -> dict[str, int]:
    counts = {"add": 0, "update": 0, "same": 0}
    for kind, *_ in plan:
        counts[kind] += 1
    return counts


# --- the service ------------------------------------------------------------------------------


class RosterImportService(Service):
    def preview(self, path: Path | str) -> ImportPreview:
        """What the import would read: format, header mapping, row count, per-line errors, samples.

        A read that touches no database: the file alone is decoded and validated.
        """
        parsed = _parse(path)
        headers = parsed.header.headers
        sample = []
        for _line, person, _present in parsed.valid[:SAMPLE_ROWS]:
            columns = person.columns()
            sample.append({fld: _display(columns[fld]) for fld in parsed.header.mapping})
        return ImportPreview(
            path=str(path),
            format=parsed.table.format,
            encoding=parsed.table.encoding,
            delimiter=parsed.table.delimiter,
            headers=[h for h in headers if h],
            mapping=parsed.header.column_of(),
            unmapped=parsed.header.unmapped,
            row_count=parsed.row_count,
            errors=parsed.errors,
            sample=sample,
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
        parsed = _parse(path)
        existing, registered = self._roster(event_id)
        plan, plan_errors = _plan(parsed, existing)
        errors = sorted(parsed.errors + plan_errors, key=lambda e: e.line)
        if dry_run:
            counts = _counts(plan)
            to_register = set() if event_id is None else {pid for _, pid, _ in plan} - registered
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
        label = f"import roster {Path(path).name}"
        done, registered_now, cancelled = self._write(plan, event_id, registered, label, progress, cancel)
        changed = Changed()
        if done["add"] or done["update"]:
            changed |= Changed.of("people")
        if registered_now:
            changed |= Changed.of("events", "registrations")
        return ImportReport(
            done["add"],
            done["update"],
            done["same"],
            registered_now,
            errors,
            round(time.perf_counter() - started, 3),
            rows=parsed.row_count,
            cancelled=cancelled,
            changed=changed,
        )

    def _roster(self, event_id: str | None) -> tuple[list[Any], set[str]]:
        """Everyone on the roster (as VIEW_COLUMNS rows) and who is registered for `event_id` already."""
        with self.reader() as session:
            registered: set[str] = set()
            if event_id is not None:
                event = session.get(Event, event_id)
                if event is None or event.deleted:
                    raise NotFoundError("import.event_not_found", field="event", event=event_id)
                registered = set(
                    session.scalars(
                        select(Registration.person_id).where(
                            Registration.event_id == event_id, Registration.deleted.is_(False)
                        )
                    )
                )
            existing = session.execute(select(*VIEW_COLUMNS).where(Person.deleted.is_(False))).all()
        return existing, registered

    def _write(
        self,
        plan: list[_Step],
        event_id: str | None,
        registered: set[str],
        label: str,
        progress: Callable[[int, int], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> tuple[dict[str, int], int, bool]:
        """Write the plan chunk by chunk; returns what was done, how many registered, and if cancelled."""
        done = {"add": 0, "update": 0, "same": 0}
        registered_now = 0
        total = len(plan)
        if progress:
            progress(0, total)
        for start in range(0, total, CHUNK_ROWS):
            if cancel is not None and cancel():
                return done, registered_now, True
            chunk = plan[start : start + CHUNK_ROWS]
            registered_now += self._write_chunk(chunk, event_id, registered, label)
            for kind, *_ in chunk:
                done[kind] += 1
            if progress:
                progress(min(start + CHUNK_ROWS, total), total)
        return done, registered_now, False

    def _write_chunk(self, chunk: list[_Step], event_id: str | None, registered: set[str], label: str) -> int:
        """One chunk in one transaction: new people, changed fields, then their registrations."""
        added = [(pid, person) for kind, pid, person in chunk if kind == "add"]
        updates = {pid: changes for kind, pid, changes in chunk if kind == "update"}
        with self.transaction(bulk_audit=label) as session:
            if added:
                insert_many(session, Person, [{**person.columns(), "id": pid} for pid, person in added])
            if updates:
                for row in session.scalars(select(Person).where(Person.id.in_(list(updates)))):
                    for key, value in updates[row.id].items():
                        setattr(row, key, value)
            if added or updates:
                session.flush()  # people before their registrations (the foreign key is checked at once)
            new_regs = []
            if event_id is not None:
                for _, pid, _ in chunk:
                    if pid not in registered:
                        registered.add(pid)
                        new_regs.append(Registration(event_id=event_id, person_id=pid, source="import"))
                session.add_all(new_regs)
        return len(new_regs)
