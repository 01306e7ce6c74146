"""What a laptop does in the harness, through the real services (acting as a local admin).

Shared by the worker process (random operations, sync rounds) and the run's setup (the base data
every laptop starts from). Every person the harness makes has a valid national id and a mobile
derived from it, so duplicates are exactly the ones the plan asks for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from fieldapp.core.errors import FieldAppError
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.gifts.common import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput
from fieldapp.store.models import Handover, Outbox, Person, Scan, SyncState, Void
from fieldapp.sync.client import SyncError

ACTOR = Actor("harness", "admin")
NOTES = "notes"


def national_id(stem: str) -> str:
    """A 10-digit national id (first digit 1) with a valid check digit, from 8 digits."""
    digits = "1" + stem.zfill(8)[-8:]
    for check in "0123456789":
        candidate = digits + check
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            d = int(ch) * (2 if i & 1 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def person_input(stem: str, name: str) -> PersonInput:
    """A person whose national id and mobile both come from an 8-digit stem (unique per stem).
    Stems: shared people 9…, planned walk-ins (races, late) 8…, a laptop's own walk-ins its index."""
    return PersonInput(full_name=name, national_id=national_id(stem), mobile="05" + stem.zfill(8)[-8:])


class Journal:
    """JSON lines, flushed after each entry (a SIGKILL loses at most the entry being written)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, kind: str, **data: Any) -> None:
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"t": kind, "at": time.time(), "pid": os.getpid(), **data}) + "\n")

    @staticmethod
    def read(path: Path) -> list[dict[str, Any]]:
        if not path.exists():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:  # the line a SIGKILL cut short
                continue
        return entries


# --- the base data (made on the first laptop before the run) ------------------------------------


def make_base(services: Services, shared_people: int, seed: int) -> dict[str, Any]:
    """An event running now, a gift type with stock, and shared people: what every laptop scans."""
    now = dt.datetime.now(dt.UTC)
    event = services.events.create(
        EventInput(
            title="Harness day",
            starts_at=now - dt.timedelta(hours=2),
            ends_at=now + dt.timedelta(hours=20),
            min_scan_interval_min=0,
            rounding_min=5,
        )
    )
    gift = services.gifts.create_type(GiftTypeInput(name="Water bottle"))
    services.gifts.receive(gift.id, 1000, "harness")
    people = []
    for k in range(shared_people):
        stem = f"9{seed % 1000:03d}{k:04d}"
        people.append(services.people.create(person_input(stem, f"Shared person {k}")).id)
    return {"event_id": event.id, "gift_type_id": gift.id, "people": people}


# --- a laptop at work -----------------------------------------------------------------------------


class Laptop:
    """Random operations and sync rounds on one laptop, by a plan (see run.py)."""

    def __init__(self, services: Services, plan: dict[str, Any], journal: Journal) -> None:
        self.services = services
        self.plan = plan
        self.journal = journal
        self.rng = random.Random(plan["seed"])
        self.walk_ins_made = 0
        self.edits_made = 0

    # --- reads ------------------------------------------------------------------------------

    def _live_people(self) -> list[str]:
        with self.services.store.reader() as s:
            return list(s.scalars(select(Person.id).where(Person.deleted.is_(False))))

    def _live(self, model: type) -> list[str]:
        with self.services.store.reader() as s:
            voided = select(Void.target_id).where(Void.target_table == model.__tablename__)
            return list(s.scalars(select(model.id).where(model.id.not_in(voided))))

    def _notes_of(self, person_id: str) -> str | None:
        with self.services.store.reader() as s:
            return s.scalar(select(Person.notes).where(Person.id == person_id))

    def _live_with_nid(self, nid: str) -> str | None:
        with self.services.store.reader() as s:
            return s.scalar(
                select(Person.id).where(Person.national_id == nid, Person.deleted.is_(False)).limit(1)
            )

    def sync_state(self) -> tuple[str | None, int | None]:
        with self.services.store.reader() as s:
            state = s.get(SyncState, 1)
            return (state.server_epoch, state.pull_cursor) if state else (None, None)

    def pending(self) -> int:
        with self.services.store.reader() as s:
            return s.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == "pending"))

    # --- the races: done first, before this laptop's first sync round, so the other laptop's
    # value or walk-in cannot have been seen (concurrent by construction) ---------------------

    def races(self) -> None:
        if any(entry["t"] == "races_done" for entry in Journal.read(self.journal.path)):
            return  # an earlier life did them (and may have synced since)
        for race in self.plan.get("race_edits", []):
            if self._notes_of(race["person_id"]) != race["value"]:
                self.edit_notes(race["person_id"], race["value"], kind="race_edit")
        for walk in self.plan.get("race_walk_ins", []):
            if self._live_with_nid(national_id(walk["stem"])) is None:
                self.walk_in(walk["stem"], walk["name"], kind="race_walk_in")
        self.journal.write("races_done")

    # --- operations ---------------------------------------------------------------------------

    def edit_notes(self, person_id: str, value: str, kind: str = "edit") -> None:
        """A coordinator retypes a person's notes. The journal keeps the value this replaced:
        a value somebody saw and replaced is accounted for (checks: "edit lost")."""
        view = self.services.people.get(person_id)
        self.services.people.update(
            person_id,
            PersonInput(
                full_name=view.full_name,
                latin_name=view.latin_name,
                national_id=view.national_id,
                mobile=view.mobile,
                gender=view.gender,
                birth_date=view.birth_date,
                guardian_consent=view.guardian_consent,
                badge_code=view.badge_code,
                notes=value,
            ),
        )
        self.journal.write(
            kind, person_id=person_id, value=value, previous=view.notes, offset_ms=self.plan["offset_ms"]
        )

    def walk_in(self, stem: str, name: str, kind: str = "walk_in") -> str:
        nid = national_id(stem)
        outcome = self.services.desk.walk_in(self.plan["event_id"], person_input(stem, name))
        if outcome.duplicates:  # already here (pulled from another laptop): scan that person
            self.services.attendance.scan(self.plan["event_id"], outcome.duplicates[0].id, method="search")
            self.journal.write(kind, nid=nid, person_id=outcome.duplicates[0].id, existing=True)
            return outcome.duplicates[0].id
        if outcome.errors:
            raise outcome.errors[0]
        self.journal.write(kind, nid=nid, person_id=outcome.person.id, existing=False)
        return outcome.person.id

    def scan(self) -> None:
        person = self.rng.choice(self._live_people())
        self.services.attendance.scan(self.plan["event_id"], person, method="search")

    def hand_over(self) -> None:
        person = self.rng.choice(self._live_people())
        data = HandoverInput(
            self.plan["gift_type_id"], 1, recipient_person_id=person, event_id=self.plan["event_id"]
        )
        self.services.gifts.hand_over(data)

    def void_scan(self) -> None:
        live = self._live(Scan)
        if live:
            self.services.attendance.void(self.rng.choice(live), "harness void")

    def void_handover(self) -> None:
        live = self._live(Handover)
        if live:
            self.services.gifts.void(self.rng.choice(live), "harness void")

    def receive_stock(self) -> None:
        self.services.gifts.receive(self.plan["gift_type_id"], self.rng.randint(1, 9), "harness")

    def random_edit(self) -> None:
        person = self.rng.choice(self.plan["edit_people"])
        self.edits_made += 1  # values are unique: the checks follow each one
        self.edit_notes(person, f"L{self.plan['index']}.{self.plan['life']}.{self.edits_made}")

    def fresh_walk_in(self) -> str:
        self.walk_ins_made += 1
        stem = f"{self.plan['index']}{self.plan['life'] % 100:02d}{self.walk_ins_made % 10**5:05d}"
        return self.walk_in(stem, f"Walk-in {stem}")

    def walk_in_and_fix(self) -> None:
        """A walk-in whose notes are corrected at once: an insert and an update of one record,
        often in one push batch (a replayed batch would replay the insert over the update)."""
        person = self.fresh_walk_in()
        self.edits_made += 1
        self.edit_notes(person, f"L{self.plan['index']}.{self.plan['life']}.{self.edits_made}")

    def late_walk_in(self) -> None:
        """A walk-in another laptop may have registered too (a merge if it has not synced yet)."""
        late = self.plan.get("late_walk_ins", [])
        if late:
            walk = self.rng.choice(late)
            self.walk_in(walk["stem"], walk["name"], kind="late_walk_in")

    def sync_round(self) -> None:
        try:
            report = self.services.sync.run()
        except SyncError as exc:
            epoch, cursor = self.sync_state()
            self.journal.write("round", ok=False, error=exc.key, epoch=epoch, cursor=cursor)
            return
        epoch, cursor = self.sync_state()
        data = report.as_json()
        keep = ("pushed", "applied", "duplicates", "conflicts", "rejected", "pulled", "rebaselined", "resent")
        self.journal.write(
            "round",
            ok=True,
            epoch=epoch,
            cursor=cursor,
            verified=data["verified"],
            refetched=data["refetched"],
            **{k: data[k] for k in keep},
        )

    OPERATIONS = (
        ("scan", 30),
        ("hand_over", 10),
        ("void_scan", 5),
        ("void_handover", 3),
        ("receive_stock", 3),
        ("random_edit", 14),
        ("fresh_walk_in", 3),
        ("walk_in_and_fix", 4),
        ("late_walk_in", 3),
        ("sync_round", 18),
    )

    def step(self) -> None:
        operations = {**dict(self.OPERATIONS), **self.plan.get("op_weights", {})}
        names, weights = zip(*operations.items(), strict=True)
        name = self.rng.choices(names, weights)[0]
        try:
            getattr(self, name)()
        except FieldAppError as exc:  # a refusal by the app's rules (a scan voided twice...)
            self.journal.write("refused", op=name, key=exc.key)

    def crash(self, exc: BaseException) -> None:
        self.journal.write("crash", error=repr(exc), traceback=traceback.format_exc())
