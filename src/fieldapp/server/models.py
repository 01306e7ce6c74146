"""The central server's tables: its OWN metadata, never mixed with the laptop's (store.models.Base).

Organisations, the server's epoch, enrolled devices (laptops), one-time enrolment codes, central
user accounts, the per-organisation version, and the synced data: every laptop row lives in ONE
generic table (`sync_row`: table name, id, data as canonical JSON), with the applied ops (the
idempotency memory of the push). Conflicts are sync rows too (table "conflict"), so they reach
every laptop by the same pull.

Every row of organisation data carries `org_id`, and every query on it is scoped to one
organisation (see server.admin and server.app). Tokens and enrolment codes are never stored:
only their sha256 hex digests.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.store.models import UTCDateTime
from fieldapp.sync.ids import uuid7


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ServerBase(DeclarativeBase):
    type_annotation_map: ClassVar = {dt.datetime: UTCDateTime}


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=uuid7)


def _org_fk() -> Mapped[str]:
    return mapped_column(String(36), ForeignKey("organisation.id"), index=True)


class Organisation(ServerBase):
    __tablename__ = "organisation"

    id: Mapped[str] = _id()
    code: Mapped[str] = mapped_column(String(8), unique=True)  # short, upper-case: "RUH", "JED2"
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ServerState(ServerBase):
    """One row. `epoch` is random (never a counter): a restored server must look different."""

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    epoch: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Device(ServerBase):
    """An enrolled laptop; `id` is the laptop's own device id."""

    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("org_id", "short_code", name="uq_device_org_short_code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_id: Mapped[str] = _org_fk()
    name: Mapped[str] = mapped_column(String(200))
    short_code: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    key_id: Mapped[str] = mapped_column(String(16))
    app_version: Mapped[str] = mapped_column(String(40))
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime | None]
    pending_ops_reported: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[dt.datetime | None]
    # The latest HLC this laptop sent: a laptop whose clock says less was restored from a backup.
    max_hlc: Mapped[str | None] = mapped_column(String(64))
    # The pull cursor this laptop said it held at its last hello: one that says less later was
    # restored from a backup (a laptop's cursor never goes back by itself).
    last_cursor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class EnrollmentCode(ServerBase):
    __tablename__ = "enrollment_code"

    id: Mapped[str] = _id()
    org_id: Mapped[str] = _org_fk()
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    used_by_device_id: Mapped[str | None] = mapped_column(String(36))


class CentralUser(ServerBase):
    __tablename__ = "central_user"
    __table_args__ = (UniqueConstraint("org_id", "username", name="uq_central_user_org_username"),)

    id: Mapped[str] = _id()
    org_id: Mapped[str] = _org_fk()
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OrgSync(ServerBase):
    """The organisation's version: the push will take this row first (one writer per organisation,
    SYNC.md "The cursor on PostgreSQL") so versions become visible in the order they were given."""

    __tablename__ = "org_sync"

    org_id: Mapped[str] = mapped_column(String(36), ForeignKey("organisation.id"), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class SyncRow(ServerBase):
    """One laptop row (a person, a scan, a conflict...) of one organisation, at its latest version.

    `data` is the canonical JSON of the row's data columns (sync.digest), `row_hash` its digest.
    Records keep sparse per-field HLCs and versions (a missing field dates from creation). Person
    rows copy national id and mobile into indexed columns for duplicate detection.
    """

    __tablename__ = "sync_row"
    __table_args__ = (
        Index("ix_sync_row_org_version", "org_id", "version", unique=True),
        Index("ix_sync_row_org_nid", "org_id", "national_id"),
        Index("ix_sync_row_org_mobile", "org_id", "mobile"),
    )

    org_id: Mapped[str] = mapped_column(String(36), ForeignKey("organisation.id"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10))  # record | fact | conflict
    data: Mapped[str] = mapped_column(Text)
    row_hash: Mapped[str] = mapped_column(String(32))
    field_hlc: Mapped[str] = mapped_column(Text, default="{}")
    field_version: Mapped[str] = mapped_column(Text, default="{}")
    # Per field, the stamp of the value its current value's writer had seen (sync.merge); NULL: {}.
    field_seen: Mapped[str | None] = mapped_column(Text)
    created_hlc: Mapped[str] = mapped_column(String(64))
    updated_hlc: Mapped[str] = mapped_column(String(64))
    created_version: Mapped[int] = mapped_column(BigInteger)
    device_id: Mapped[str] = mapped_column(String(36))
    national_id: Mapped[str | None] = mapped_column(String(10))
    mobile: Mapped[str | None] = mapped_column(String(16))


class AppliedOp(ServerBase):
    """Every op the server answered, with its answer: a retried op gets the same answer and
    writes nothing twice (pretix's scan nonce, ODK's instanceID)."""

    __tablename__ = "applied_op"

    org_id: Mapped[str] = mapped_column(String(36), ForeignKey("organisation.id"), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(12))  # applied | duplicate | conflict | rejected
    version: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WebSession(ServerBase):
    """A signed-in browser on the admin pages. The cookie holds a random token; only its sha256 is
    kept, with the form token (CSRF) of the session. Server-side, so signing out, disabling the
    account or an expiry ends it at once, in every worker."""

    __tablename__ = "web_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = _org_fk()
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("central_user.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]


class WebAudit(ServerBase):
    """What happened on the admin pages: every sign-in attempt (accepted, refused, rate-limited)
    and every change an administrator made, with the client's address."""

    __tablename__ = "web_audit"

    id: Mapped[str] = _id()
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    org_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("organisation.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    client_ip: Mapped[str] = mapped_column(String(64), default="")
