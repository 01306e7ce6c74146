"""Sync states staged for `fieldapp screenshots`, beside the demo builder (screens never write to
the database themselves): a COPY of a database made enrolled, with what a pull from another laptop
would bring, and a few changes made while offline.

The copy is SQLite's backup of the data directory's database, so the data directory is never
touched; the conflicts are written by the real pull step (`SyncService.apply_page`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select, update

from fieldapp.config import DataDir
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.people import PersonInput
from fieldapp.store.backup import backup_database
from fieldapp.store.db import Store
from fieldapp.store.models import Outbox, Person, SyncState
from fieldapp.sync.hlc import Timestamp

#: the device id of "another laptop" of the organisation, whose values lost or came in by pull
OTHER_LAPTOP = "0190a3c2-7b1e-7000-8000-00000000b2b2"
SERVER_URL = "https://sync.taif.example.sa"


def enrolled_copy(store: Store, into: DataDir, actor: Actor) -> Store:
    """A copy of `store` in `into` (opened; the caller closes it): enrolled, everything sent, and
    what a pull brings from another laptop: a conflict on a person's mobile and a possible
    duplicate (the same mobile under two names)."""
    backup_database(store.path, into.database)
    copy = Store.open(into.database, into.backups)
    stage_enrolment(copy, actor)
    _pull_conflicts(copy, actor)
    return copy


def stage_enrolment(store: Store, actor: Actor, server_url: str = SERVER_URL) -> None:
    """`store` as an enrolment three days ago left it, with everything sent since: no server is
    asked (a test points `server_url` at a closed port to see the laptop offline)."""
    now = dt.datetime.now(dt.UTC)
    with store.session("screenshots") as session:
        session.add(
            SyncState(
                id=1,
                server_url=server_url,
                org_id=str(uuid.uuid4()),
                org_code="TAIF",
                org_name="أمانة محافظة الطائف",
                device_short_code=store.device_code,
                token="screenshots",
                server_epoch="screenshots",
                enrolled_at=now - dt.timedelta(days=3),
                enrolled_by=actor.user_name,
                pull_cursor=0,
                last_success_at=now - dt.timedelta(minutes=3),
                last_error="",
            )
        )
        session.execute(update(Outbox).values(status="sent", sent_at=now))


def _pull_conflicts(store: Store, actor: Actor) -> None:
    now = dt.datetime.now(dt.UTC)
    with store.reader() as r:
        people = r.execute(
            select(Person.id, Person.full_name, Person.mobile, Person.created_hlc, Person.field_hlc)
            .where(Person.deleted.is_(False), Person.mobile.is_not(None))
            .limit(2)
        ).all()
    if len(people) < 2:
        return
    (pid, name, mobile, created, fields), (other_id, other_name, _m, _c, _f) = people
    kept_hlc = (fields or {}).get("mobile") or created
    lost = Timestamp.parse(kept_hlc)
    lost_hlc = str(Timestamp(lost.physical_ms - 5 * 60_000, 0, OTHER_LAPTOP))
    rows = [
        {
            "table": "conflict",
            "id": str(uuid.uuid4()),
            "data": {
                "table_name": "person",
                "row_id": pid,
                "field": "mobile",
                "kept_value": mobile,
                "lost_value": "+966551234567",
                "kept_hlc": kept_hlc,
                "lost_hlc": lost_hlc,
                "at": now.isoformat(),
            },
        },
        {
            "table": "conflict",
            "id": str(uuid.uuid4()),
            "data": {
                "table_name": "person",
                "row_id": pid,
                "field": "possible_duplicate",
                "kept_value": {"id": pid, "full_name": name, "mobile": mobile},
                "lost_value": {"id": other_id, "full_name": other_name, "mobile": mobile},
                "kept_hlc": created,
                "lost_hlc": lost_hlc,
                "at": now.isoformat(),
            },
        },
    ]
    Services(store, actor).sync.apply_page(rows, 0, 0)


def write_offline_changes(store: Store, actor: Actor) -> None:
    """Three walk-ins registered while the server could not be reached."""
    services = Services(store, actor)
    for n, name in enumerate(("ريم سالم الثبيتي", "بندر فهد السواط", "لمى عادل الزهراني")):
        services.people.create(PersonInput(name, mobile=f"05099900{n:02d}"))
