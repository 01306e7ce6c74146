"""What sync leaves for a supervisor to decide: conflicts, possible duplicate people, set-aside ops.

- A **conflict** is a losing value of a per-field merge (the `conflict` table, pulled from the
  server). Both decisions are edits that sync: "keep" writes the kept value again, "restore"
  writes the lost one; either way the field's HLC becomes later than both values, and on EVERY
  laptop the conflict then counts as decided (`_undecided`). A conflict whose record was edited
  again by anyone after both values is decided the same way: the edit settled it.
- A **possible duplicate** is the server's flag (conflict field "possible_duplicate"): the same
  mobile under two names. "merge" records a `person_merge` fact (the id the server gives a merge
  of that loser, so a merge made twice is one fact) and tombstones the later-made person; the
  server then moves the loser's scans, registrations, hand-overs and certificates to the
  survivor (server/merges.py), so hours are neither doubled nor split. "different" records a
  `person_distinct` fact (its id derived from the pair), which settles the flag on every laptop
  and in the server's counts.
- A **set-aside op** is one the server refused (outbox status set_aside, with its reason).
  "retry" sends it again under a new op id (the server remembers its answer to the old one);
  "discard" keeps it in the outbox as discarded, with the reason, in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from fieldapp.core import i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.people import name_key
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.services.sync_steps import TOPIC_OF
from fieldapp.store import remote
from fieldapp.store.models import (
    Conflict,
    Outbox,
    Person,
    PersonDistinct,
    PersonMerge,
    Record,
    Scan,
    SigningKey,
    SyncState,
)
from fieldapp.store.unit_of_work import audit
from fieldapp.sync.hlc import Timestamp
from fieldapp.sync.ids import distinct_pair, uuid7

i18n.register(
    {
        "review.not_found": (
            "لم يعد هذا البند موجودًا للمراجعة؛ ربما حُسم على جهاز آخر.",
            "This item is no longer waiting for review; it may have been decided on another laptop.",
        ),
        "review.reason_required": (
            "اكتب سبب الاستبعاد (يُحفظ في سجل التدقيق).",
            "Type the reason for discarding it (it is kept in the audit trail).",
        ),
        "review.record_gone": (
            "السجل «{record}» لم يعد موجودًا على هذا الحاسوب.",
            "The record “{record}” no longer exists on this laptop.",
        ),
        "review.this_laptop": ("هذا الحاسوب", "this laptop"),
        "review.server": ("الخادم", "the server"),
    }
)

POSSIBLE_DUPLICATE = "possible_duplicate"  # the field name the server gives the flag (server/merges.py)
# The namespace of person_merge ids (server/merges.py merge_id): a loser is merged once, whoever merges.
MERGE_NAMESPACE = uuid.UUID("0f6d2a1e-3b7c-4d5e-8a9f-1c2b3d4e5f60")
SET_ASIDE, PENDING, DISCARDED = "set_aside", "pending", "discarded"
_LABEL_FIELDS = ("full_name", "title", "name")
TOPICS = Changed.of("review", "sync")


@dataclass(frozen=True)
class ConflictItem:
    seq: int
    table_name: str
    row_id: str
    record: str  # the person's name, the event's title...
    field: str
    kept_value: Any
    lost_value: Any
    kept_at: dt.datetime
    lost_at: dt.datetime
    kept_laptop: str
    lost_laptop: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class PersonSide:
    id: str
    full_name: str
    national_id: str | None
    mobile: str | None
    created_at: dt.datetime
    laptop: str
    scans: int


@dataclass(frozen=True)
class DuplicateItem:
    seq: int
    first: PersonSide  # the one made first: it stays when merged
    second: PersonSide


@dataclass(frozen=True)
class SetAsideItem:
    seq: int
    table_name: str
    row_id: str
    kind: str
    reason: str
    made_at: dt.datetime
    summary: str


@dataclass(frozen=True)
class ReviewCounts:
    conflicts: int
    duplicates: int
    set_aside: int

    @property
    def total(self) -> int:
        return self.conflicts + self.duplicates + self.set_aside


def merge_id(loser_id: str) -> str:
    return str(uuid.uuid5(MERGE_NAMESPACE, loser_id))


def hlc_time(hlc: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(Timestamp.parse(hlc).physical_ms / 1000, dt.UTC)


class ReviewService(Service):
    # --- reads -------------------------------------------------------------------------------

    def counts(self) -> ReviewCounts:
        """What waits (the navigation badge): cheap enough for every refresh."""
        with self.reader() as session:
            conflicts = duplicates = 0
            for conflict in _open_conflicts(session):
                if conflict.field == POSSIBLE_DUPLICATE:
                    duplicates += 1
                else:
                    conflicts += 1
            set_aside = session.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.status == SET_ASIDE)
            )
            return ReviewCounts(conflicts, duplicates, set_aside or 0)

    def conflicts(self) -> list[ConflictItem]:
        with self.reader() as session:
            laptops = _laptop_names(session, self.store.device_id)
            items = []
            for c in _open_conflicts(session):
                if c.field == POSSIBLE_DUPLICATE:
                    continue
                row = _record(session, c.table_name, c.row_id)
                items.append(
                    ConflictItem(
                        seq=c.seq,
                        table_name=c.table_name,
                        row_id=c.row_id,
                        record=_label(row) if row is not None else c.row_id[:8],
                        field=c.field,
                        kept_value=c.kept_value,
                        lost_value=c.lost_value,
                        kept_at=hlc_time(c.kept_hlc),
                        lost_at=hlc_time(c.lost_hlc),
                        kept_laptop=laptops(c.kept_hlc),
                        lost_laptop=laptops(c.lost_hlc),
                        recorded_at=c.at,
                    )
                )
            return items

    def duplicates(self) -> list[DuplicateItem]:
        with self.reader() as session:
            laptops = _laptop_names(session, self.store.device_id)
            items = []
            for c in _open_conflicts(session):
                if c.field != POSSIBLE_DUPLICATE:
                    continue
                sides = [_side(session, laptops, value) for value in (c.kept_value, c.lost_value)]
                if all(sides):
                    first, second = sorted(sides, key=lambda s: s.created_at)
                    items.append(DuplicateItem(c.seq, first, second))
            return items

    def set_aside(self) -> list[SetAsideItem]:
        with self.reader() as session:
            rows = session.scalars(select(Outbox).where(Outbox.status == SET_ASIDE).order_by(Outbox.seq))
            return [
                SetAsideItem(
                    seq=op.seq,
                    table_name=op.table_name,
                    row_id=op.row_id,
                    kind=op.kind,
                    reason=op.detail,
                    made_at=op.created_at,
                    summary=_summary(op.payload),
                )
                for op in rows
            ]

    # --- decisions (each one write, audited) ----------------------------------------------------

    @write
    def keep(self, seq: int) -> Done:
        """Keep the value every laptop holds now; the decision syncs as an edit of that value."""
        require(self.actor, "sync.review")
        with self.transaction() as session:
            conflict, row = self._conflict_and_record(session, seq)
            flag_modified(row, conflict.field)  # the same value, stamped now: it goes up as an edit
            conflict.resolved = True
            audit(session, "review.keep", conflict.field, conflict.table_name, conflict.row_id)
        return Done(TOPICS | _topic(conflict.table_name))

    @write
    def restore(self, seq: int) -> Done:
        """Write the lost value back, as a new edit that syncs (and wins: it is the latest)."""
        require(self.actor, "sync.review")
        with self.transaction() as session:
            conflict, row = self._conflict_and_record(session, seq)
            value = _python_value(row, conflict.field, conflict.lost_value)
            setattr(row, conflict.field, value)
            flag_modified(row, conflict.field)  # even if the value equals the kept one
            if isinstance(row, Person) and conflict.field in ("full_name", "latin_name"):
                row.name_key = name_key(row.full_name, row.latin_name)
            conflict.resolved = True
            audit(session, "review.restore", conflict.field, conflict.table_name, conflict.row_id)
        return Done(TOPICS | _topic(conflict.table_name))

    @write
    def merge(self, seq: int) -> Done:
        """One person: the later-made one merged into the first (recorded as a person_merge fact)."""
        require(self.actor, "sync.review")
        with self.transaction() as session:
            flag = self._open(session, seq)
            people = [
                session.get(Person, (value or {}).get("id")) for value in (flag.kept_value, flag.lost_value)
            ]
            if not all(people) or any(p.deleted for p in people):
                raise NotFoundError("review.not_found", field="seq")
            survivor, loser = sorted(people, key=lambda p: (p.created_hlc, p.id))
            if session.get(PersonMerge, merge_id(loser.id)) is None:
                session.add(
                    PersonMerge(
                        id=merge_id(loser.id),
                        loser_id=loser.id,
                        survivor_id=survivor.id,
                        reason="review",
                        at=dt.datetime.now(dt.UTC),
                    )
                )
            for key in ("national_id", "mobile", "latin_name", "gender", "birth_date", "badge_code"):
                if getattr(survivor, key) in (None, "") and getattr(loser, key) not in (None, ""):
                    setattr(survivor, key, getattr(loser, key))
            loser.deleted = True
            flag.resolved = True
            audit(session, "review.merge", f"{loser.id} -> {survivor.id}", "person", survivor.id)
        return Done(TOPICS | Changed.of("people", "scans"))

    @write
    def different(self, seq: int) -> Done:
        """Two people who share a mobile: both stay, and every laptop and the server learn it."""
        require(self.actor, "sync.review")
        with self.transaction() as session:
            flag = self._open(session, seq)
            fact_id, first_id, second_id = _flagged_pair(flag)
            if session.get(PersonDistinct, fact_id) is None:
                session.add(
                    PersonDistinct(
                        id=fact_id,
                        first_id=first_id,
                        second_id=second_id,
                        at=dt.datetime.now(dt.UTC),
                        user_name=self.actor.user_name,
                    )
                )
            flag.resolved = True
            audit(session, "review.different", "", "person", flag.row_id)
        return Done(TOPICS)

    @write
    def retry(self, seq: int) -> Done:
        """Send a set-aside op again, under a new op id (the server answers an old one the same)."""
        require(self.actor, "sync.review")
        with self.transaction() as session:
            op = self._set_aside_op(session, seq)
            op.op_id, op.status, op.detail, op.sent_at = uuid7(), PENDING, "", None
            audit(session, "review.retry", op.table_name, op.table_name, op.row_id)
        return Done(TOPICS)

    @write
    def discard(self, seq: int, reason: str) -> Done:
        """Give a set-aside op up, with the reason (it stays in the outbox and the audit trail)."""
        require(self.actor, "sync.review")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("review.reason_required", field="reason")
        with self.transaction() as session:
            op = self._set_aside_op(session, seq)
            op.status, op.detail = DISCARDED, f"{op.detail} | {reason}"[:1000]
            audit(session, "review.discard", reason[:200], op.table_name, op.row_id)
        return Done(TOPICS)

    # --- helpers ------------------------------------------------------------------------------

    def _open(self, session: Session, seq: int) -> Conflict:
        conflict = session.get(Conflict, seq)
        if conflict is None or conflict.resolved or not _undecided(session, [conflict]):
            raise NotFoundError("review.not_found", field="seq")
        return conflict

    def _conflict_and_record(self, session: Session, seq: int) -> tuple[Conflict, Record]:
        conflict = self._open(session, seq)
        row = _record(session, conflict.table_name, conflict.row_id)
        if row is None or conflict.field not in row.__table__.columns:
            raise NotFoundError("review.record_gone", field="seq", record=conflict.row_id[:8])
        return conflict, row

    def _set_aside_op(self, session: Session, seq: int) -> Outbox:
        op = session.get(Outbox, seq)
        if op is None or op.status != SET_ASIDE:
            raise NotFoundError("review.not_found", field="seq")
        return op


def _open_conflicts(session: Session) -> list[Conflict]:
    """Conflicts not reviewed here and not decided anywhere (by a later edit of the field).

    The rows they name are read a few hundred at a time, not one by one: the navigation badge
    counts these on every refresh, and a pull that met another laptop's roster can leave
    hundreds of possible duplicates (one query each cost ~1 ms, on the desk's database thread).
    """
    rows = session.scalars(select(Conflict).where(Conflict.resolved.is_(False)).order_by(Conflict.seq)).all()
    return _undecided(session, list(rows))


def _undecided(session: Session, rows: list[Conflict]) -> list[Conflict]:
    """The conflicts of `rows` not decided anywhere: a possible duplicate merged, removed or marked
    as two people; a field edited after both values (keeping or restoring a value is such an
    edit)."""
    wanted: dict[str, set[str]] = {}
    pairs: list[str] = []
    for c in rows:
        if c.field == POSSIBLE_DUPLICATE:
            ids = {(v or {}).get("id") for v in (c.kept_value, c.lost_value)}
            wanted.setdefault(Person.__tablename__, set()).update(i for i in ids if isinstance(i, str))
            pairs.append(_flagged_pair(c)[0])
        if _record_model(c.table_name) is not None:
            wanted.setdefault(c.table_name, set()).add(c.row_id)
    found = {table: _stamps(session, table, ids) for table, ids in wanted.items()}
    distinct: set[str] = set()
    for start in range(0, len(pairs), 500):
        distinct.update(
            session.scalars(
                select(PersonDistinct.id).where(PersonDistinct.id.in_(pairs[start : start + 500]))
            )
        )
    return [c for c in rows if not _settled(c, found, distinct)]


_Stamps = tuple[dict[str, str] | None, str, bool]  # a record's field_hlc, created_hlc, deleted


def _stamps(session: Session, table: str, ids: set[str]) -> dict[str, _Stamps]:
    model = _record_model(table)
    assert model is not None
    got: dict[str, _Stamps] = {}
    chosen = sorted(ids)
    for start in range(0, len(chosen), 500):
        query = select(model.id, model.field_hlc, model.created_hlc, model.deleted).where(
            model.id.in_(chosen[start : start + 500])
        )
        for row_id, field_hlc, created_hlc, deleted in session.execute(query):
            got[row_id] = (field_hlc, created_hlc, bool(deleted))
    return got


def _settled(conflict: Conflict, found: dict[str, dict[str, _Stamps]], distinct: set[str]) -> bool:
    """Whether a conflict is decided, from the rows `_undecided` read in bulk; `distinct`: the
    person_distinct facts of the flags."""
    if conflict.field == POSSIBLE_DUPLICATE:
        people = found.get(Person.__tablename__, {})
        for value in (conflict.kept_value, conflict.lost_value):
            person = people.get((value or {}).get("id"))
            if person is None or person[2]:
                return True  # merged (or removed) since
        return _flagged_pair(conflict)[0] in distinct
    row = found.get(conflict.table_name, {}).get(conflict.row_id)
    if row is None:
        return False
    field_hlc, created_hlc, _deleted = row
    stamp = (field_hlc or {}).get(conflict.field) or created_hlc
    return stamp > max(conflict.kept_hlc, conflict.lost_hlc)


def _flagged_pair(flag: Conflict) -> tuple[str, str, str]:
    """The person_distinct id and the two people of a possible-duplicate flag."""
    first, second = ((value or {}).get("id") or "" for value in (flag.kept_value, flag.lost_value))
    return distinct_pair(first, second)


def _record_model(table: str) -> type[Record] | None:
    model = remote.MODEL_BY_TABLE.get(table)
    return model if model is not None and issubclass(model, Record) else None


def _record(session: Session, table: str, row_id: str) -> Record | None:
    model = _record_model(table)
    return None if model is None else session.get(model, row_id)


def _label(row: Record) -> str:
    for key in _LABEL_FIELDS:
        value = getattr(row, key, None)
        if value:
            return str(value)
    return row.id[:8]


def _laptop_names(session: Session, here: str):
    """hlc -> the laptop that stamped it: this laptop, the server, or another laptop's short code
    (each laptop's signing key, synced to all, carries its code)."""
    state = session.get(SyncState, 1)
    labels = {
        device: label.removeprefix("device ").strip()
        for device, label in session.execute(select(SigningKey.owner_device_id, SigningKey.label))
    }
    own_code = state.device_short_code if state else None

    def name(hlc: str) -> str:
        device = Timestamp.parse(hlc).device_id
        if device == here:
            return i18n.msg("review.this_laptop") + (f" ({own_code})" if own_code else "")
        if device == "server":
            return i18n.msg("review.server")
        return labels.get(device) or device[:8]

    return name


def _side(session: Session, laptops, value: dict[str, Any] | None) -> PersonSide | None:
    person = session.get(Person, (value or {}).get("id"))
    if person is None or person.deleted:
        return None
    scans = session.scalar(
        select(func.count()).select_from(Scan).where(Scan.person_id == person.id, Scan.deleted.is_(False))
    )
    return PersonSide(
        id=person.id,
        full_name=person.full_name,
        national_id=person.national_id,
        mobile=person.mobile,
        created_at=hlc_time(person.created_hlc),
        laptop=laptops(person.created_hlc),
        scans=scans or 0,
    )


def _python_value(row: Record, field: str, value: Any) -> Any:
    convert = remote._from_wire(row.__table__.columns[field].type)
    return convert(value) if convert is not None else value


def _topic(table: str) -> Changed:
    return Changed.of(TOPIC_OF.get(table, table))


def _summary(payload: dict[str, Any]) -> str:
    """A short line of what the op carried (its fields), for the supervisor to recognise it."""
    fields = payload.get("fields") if isinstance(payload.get("fields"), dict) else payload
    shown = [f"{k}: {v}" for k, v in fields.items() if k in (*_LABEL_FIELDS, "mobile", "national_id", "at")]
    return "، ".join(shown)[:200]
