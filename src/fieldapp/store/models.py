"""ORM tables (SQLAlchemy 2, typed declarative).

Three kinds of table:
- Records (mutable: people, bodies, events, visits, gift types...) merge per field with
  last-writer-wins by HLC; `field_hlc` keeps the HLC of each field changed since the row was
  created (a field not in it dates from `created_hlc`: see field_stamp()).
- Facts (insert-only: scans, hand-overs, stock entries, certificates, voids). A correction is a
  new fact; their UUID is the idempotency key, so they never conflict.
- Local tables (outbox, audit, users, settings, device) never leave this laptop.

Every synced row carries a UUIDv7 id made here, the device id, created/updated HLC stamps, the
server version (null until the server acknowledged it) and a tombstone instead of a delete. The
stamping and the outbox entry are written by store.unit_of_work in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.sync.ids import uuid7


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC so text order is time order."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def _id_column() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=uuid7)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dt.datetime: UTCDateTime, dict[str, Any]: JSON}


class Synced:
    """Columns every synced row carries (filled by the unit of work, never by hand)."""

    __sync_kind__: ClassVar[str]  # "record" or "fact"

    id: Mapped[str] = _id_column()
    device_id: Mapped[str] = mapped_column(String(36))
    created_hlc: Mapped[str] = mapped_column(String(64))
    updated_hlc: Mapped[str] = mapped_column(String(64))
    server_version: Mapped[int | None] = mapped_column(Integer, default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # tombstone


class Record(Synced):
    __sync_kind__ = "record"
    field_hlc: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def field_stamp(self, field: str) -> str:
        """The HLC of a field's current value: its last change, else the row's creation."""
        return (self.field_hlc or {}).get(field) or self.created_hlc


class Fact(Synced):
    __sync_kind__ = "fact"


# --- organisation, bodies ---------------------------------------------------------------------


class Organisation(Record, Base):
    __tablename__ = "organisation"
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    short_code: Mapped[str] = mapped_column(String(8))  # used in certificate serials
    city: Mapped[str | None] = mapped_column(String(100))


class Body(Record, Base):
    """An entity the organisation works with: a prison, a dialysis centre, a ministry office..."""

    __tablename__ = "body"
    type: Mapped[str] = mapped_column(
        String(20)
    )  # government|security|health|education|charity|private|other
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    name_key: Mapped[str] = mapped_column(String(200), default="")  # folded, for search


class Agreement(Record, Base):
    __tablename__ = "agreement"
    body_id: Mapped[str] = mapped_column(ForeignKey("body.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")  # draft|active|expired|cancelled
    notes: Mapped[str] = mapped_column(Text, default="")
    signatory: Mapped[str] = mapped_column(String(200), default="")  # who signed for the partner
    our_commitments: Mapped[str] = mapped_column(Text, default="")
    partner_commitments: Mapped[str] = mapped_column(Text, default="")
    reminder_days: Mapped[int | None] = mapped_column(Integer)  # remind this many days before the end
    # The signed copy, as a file name inside the data folder's agreements/ (the file stays on the
    # laptop that attached it; the name syncs so other laptops can say where the copy is).
    file_name: Mapped[str | None] = mapped_column(String(200))


class BodyMerge(Fact, Base):
    """Two bodies were one (a supervisor merged them): whatever names the loser means the survivor.

    Records that named the loser are rewritten when merging; facts (hand-overs) and rows another
    laptop made before it saw the merge are read through these facts."""

    __tablename__ = "body_merge"
    loser_id: Mapped[str] = mapped_column(String(36), index=True)
    survivor_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime]
    user_name: Mapped[str] = mapped_column(String(100), default="")


# --- people ----------------------------------------------------------------------------------


class Person(Record, Base):
    __tablename__ = "person"
    full_name: Mapped[str] = mapped_column(String(300))
    latin_name: Mapped[str | None] = mapped_column(String(300))
    national_id: Mapped[str | None] = mapped_column(String(10), index=True)
    mobile: Mapped[str | None] = mapped_column(String(16), index=True)  # E.164
    gender: Mapped[str | None] = mapped_column(String(1))  # m|f
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    guardian_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_code: Mapped[str | None] = mapped_column(String(64), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    name_key: Mapped[str] = mapped_column(String(300), default="")  # folded full + latin name


# --- events, attendance ----------------------------------------------------------------------


class Event(Record, Base):
    """An event, or a volunteer opportunity inside one (parent_id)."""

    __tablename__ = "event"
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("event.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"))
    place: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    planned_hours: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None] = mapped_column(Integer)
    allow_reentry: Mapped[bool] = mapped_column(Boolean, default=True)
    min_scan_interval_min: Mapped[int] = mapped_column(Integer, default=2)
    rounding_min: Mapped[int] = mapped_column(Integer, default=15)  # hours rounded down to this step
    min_certificate_hours: Mapped[float] = mapped_column(Float, default=0.0)
    notes: Mapped[str] = mapped_column(Text, default="")


class EventTeam(Record, Base):
    __tablename__ = "event_team"
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(30), default="coordinator")


class Registration(Record, Base):
    """A person expected at an event (from a roster import, a walk-in or by hand)."""

    __tablename__ = "registration"
    __table_args__ = (Index("ix_registration_event_person", "event_id", "person_id"),)
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # import|walk_in|manual


class Scan(Fact, Base):
    __tablename__ = "scan"
    __table_args__ = (Index("ix_scan_event_person_at", "event_id", "person_id", "at"),)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"))
    direction: Mapped[str] = mapped_column(String(3))  # in|out
    at: Mapped[dt.datetime]
    method: Mapped[str] = mapped_column(String(20))  # scanner|search|walk_in|manual|close_all
    user_name: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Void(Fact, Base):
    """Voids an earlier fact (scan, hand-over, stock entry, certificate): the fact itself stays."""

    __tablename__ = "void"
    target_table: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime]
    user_name: Mapped[str] = mapped_column(String(100), default="")


# --- gifts -----------------------------------------------------------------------------------


class GiftType(Record, Base):
    __tablename__ = "gift_type"
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="قطعة")
    limit_per_recipient_per_event: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class StockEntry(Fact, Base):
    """A receipt (+) or an adjustment (+/-, with a reason). Hand-overs are their own facts."""

    __tablename__ = "stock_entry"
    gift_type_id: Mapped[str] = mapped_column(ForeignKey("gift_type.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # receipt|adjustment
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime]
    event_id: Mapped[str | None] = mapped_column(ForeignKey("event.id"))
    user_name: Mapped[str] = mapped_column(String(100), default="")


class Handover(Fact, Base):
    __tablename__ = "handover"
    gift_type_id: Mapped[str] = mapped_column(ForeignKey("gift_type.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    recipient_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    recipient_body_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"), index=True)
    recipient_label: Mapped[str] = mapped_column(String(300), default="")  # e.g. "مدير السجن" on a body
    event_id: Mapped[str | None] = mapped_column(ForeignKey("event.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    at: Mapped[dt.datetime]
    handed_by: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(String(100), default="")  # comma list: overdrawn,over_limit,repeat


# --- visits ----------------------------------------------------------------------------------


class Visit(Record, Base):
    __tablename__ = "visit"
    body_id: Mapped[str] = mapped_column(ForeignKey("body.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    planned_start: Mapped[dt.datetime] = mapped_column(index=True)
    planned_end: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(
        String(12), default="planned"
    )  # planned|in_progress|done|cancelled|missed
    started_at: Mapped[dt.datetime | None]
    completed_at: Mapped[dt.datetime | None]
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[str | None] = mapped_column(ForeignKey("event.id"))


class VisitMember(Record, Base):
    __tablename__ = "visit_member"
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)


class VisitGift(Record, Base):
    __tablename__ = "visit_gift"
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    gift_type_id: Mapped[str] = mapped_column(ForeignKey("gift_type.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)


# --- certificates ----------------------------------------------------------------------------


class Certificate(Fact, Base):
    __tablename__ = "certificate"
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"), index=True)
    hours: Mapped[float] = mapped_column(Float)
    template_key: Mapped[str] = mapped_column(String(40))
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    key_id: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # the signed QR text


class CertificatePrint(Fact, Base):
    """Print log: every print, reprint or PDF export of a certificate keeps its serial."""

    __tablename__ = "certificate_print"
    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificate.id"), index=True)
    at: Mapped[dt.datetime]
    user_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(12))  # print|reprint|pdf
    printer: Mapped[str] = mapped_column(String(200), default="")


class HoursCertificate(Fact, Base):
    """A cumulative volunteer-hours certificate: every hour of one person over a period.

    The events and their hours are kept as issued (``lines``), so a reprint is the same paper."""

    __tablename__ = "hours_certificate"
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(100), default="")  # e.g. "1446 هـ"
    hours: Mapped[float] = mapped_column(Float)
    lines: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[date ISO, title, hours], ...]
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    key_id: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # the signed QR text


class PersonMerge(Fact, Base):
    """Two rows were one person (two walk-ins of one national id): the loser's facts now point at
    the survivor. Recorded by the central server, kept for the audit trail."""

    __tablename__ = "person_merge"
    loser_id: Mapped[str] = mapped_column(String(36), index=True)
    survivor_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(40))  # national_id | mobile_and_name
    at: Mapped[dt.datetime]


class PersonDistinct(Fact, Base):
    """Two people the server flagged as possible duplicates (one mobile, two names) are two people:
    a supervisor said so on the review screen. Synced, so the flag is settled on every laptop and
    in the server's counts. `first_id` < `second_id`; the id is derived from the pair."""

    __tablename__ = "person_distinct"
    first_id: Mapped[str] = mapped_column(String(36), index=True)
    second_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[dt.datetime]
    user_name: Mapped[str] = mapped_column(String(100), default="")


class SigningKey(Fact, Base):
    """A laptop's Ed25519 public key; synced so every laptop can verify every laptop's certificates."""

    __tablename__ = "signing_key"
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw bytes
    owner_device_id: Mapped[str] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(100), default="")


# --- local-only tables -----------------------------------------------------------------------


class Device(Base):
    """This laptop's identity (one row)."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    short_code: Mapped[str] = mapped_column(String(8))  # human-readable, used in serials
    created_at: Mapped[dt.datetime]
    last_hlc: Mapped[str | None] = mapped_column(String(64))


class Outbox(Base):
    """Local changes waiting for the server: written in the same transaction as the change."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=uuid7)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # insert|update
    hlc: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """Who did what, when, on which device."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    user_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(40), default="")
    row_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class Conflict(Base):
    """A losing value of a per-field merge, kept for a coordinator to review."""

    __tablename__ = "conflict"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    lost_value: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    kept_hlc: Mapped[str] = mapped_column(String(64))
    lost_hlc: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    remote_id: Mapped[str | None] = mapped_column(String(36), unique=True)  # the server's conflict id


class AppUser(Base):
    """A user of the app on this laptop, for offline login. Never pushed; `central` accounts come
    from the organisation's server with every sync (hash and role), so any laptop signs them in."""

    __tablename__ = "app_user"
    id: Mapped[str] = _id_column()
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))  # coordinator|supervisor|admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    signed_in_until: Mapped[dt.datetime | None]  # "stay signed in on this laptop until end of day"
    created_at: Mapped[dt.datetime]
    central: Mapped[bool] = mapped_column(Boolean, default=False)  # managed on the central server


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SerialCounter(Base):
    """Per-device, per-year certificate sequence: with the device code, unique without a server."""

    __tablename__ = "serial_counter"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class SyncState(Base):
    """This laptop's enrolment with the organisation's central server (one row, id 1; local-only).

    `token` is the device's bearer token: a secret kept in the local database (not yet in the
    credential store like the signing key: certificates.keys); the server can revoke it. It never
    syncs, is never printed or exported, and does not survive a restore of another laptop's
    backup (store.restore); the server keeps only its hash.
    """

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(300))
    org_id: Mapped[str] = mapped_column(String(36))
    org_code: Mapped[str] = mapped_column(String(8))
    org_name: Mapped[str] = mapped_column(String(200))
    device_short_code: Mapped[str] = mapped_column(String(8))  # as the server accepted it
    token: Mapped[str] = mapped_column(String(200))
    server_epoch: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[dt.datetime]
    enrolled_by: Mapped[str] = mapped_column(String(100))
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_success_at: Mapped[dt.datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    ca_file: Mapped[str | None] = mapped_column(String(500))
    last_round: Mapped[str] = mapped_column(Text, default="")  # JSON: what the last sync moved
    last_verified_at: Mapped[dt.datetime | None]


SYNCED_MODELS: tuple[type[Synced], ...] = tuple(
    mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, Synced)
)
MODEL_BY_TABLE: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
