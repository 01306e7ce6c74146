"""Request and response bodies of the HTTP API (pydantic): /openapi.json documents each of them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TABLE_PATTERN = r"^[a-z_]{1,40}$"
RowId = Annotated[str, Field(pattern=UUID_PATTERN)]


class ErrorOut(BaseModel):
    error: str = Field(description="a stable key, e.g. enroll.code_used or auth.revoked")
    message_ar: str
    message_en: str


class HealthOut(BaseModel):
    status: str = Field(description="ok, or error when the database cannot be reached")
    db: str
    version: str


class SchemaRange(BaseModel):
    min: int
    max: int


class Limits(BaseModel):
    max_push_ops: int
    pull_page_rows: int


class MetaOut(BaseModel):
    server_time: dt.datetime = Field(description="UTC, ISO 8601")
    server_epoch: str = Field(description="random; changes when the server is restored from a backup")
    server_version: str
    client_schema: SchemaRange
    limits: Limits


class EnrollIn(BaseModel):
    code: str = Field(min_length=4, max_length=40, description="the one-time code; dashes and case ignored")
    device_id: str = Field(pattern=UUID_PATTERN, description="the laptop's own device id")
    device_name: str = Field(min_length=1, max_length=200)
    short_code: str = Field(pattern=r"^[A-Z0-9]{2,8}$", description="unique within the organisation")
    public_key: str = Field(max_length=64, description="base64 of the raw 32-byte Ed25519 signing key")
    key_id: str = Field(pattern=r"^[0-9a-f]{8}$", description="first 8 hex digits of sha256(raw key)")
    app_version: str = Field(min_length=1, max_length=40)


class OrganisationOut(BaseModel):
    id: str
    code: str
    name: str


class DeviceRef(BaseModel):
    id: str
    short_code: str


class DeviceOut(DeviceRef):
    name: str


class EnrollOut(BaseModel):
    token: str = Field(description="the bearer token: shown once, the server keeps only its hash")
    organisation: OrganisationOut
    device: DeviceRef
    server_epoch: str


class WhoamiOut(BaseModel):
    device: DeviceOut
    organisation: OrganisationOut
    server_epoch: str


MAX_INT = 2**62  # every counter fits a signed 64-bit column


class HelloIn(BaseModel):
    app_version: str = Field(pattern=r"^[ -~]{1,40}$")
    client_schema: int = Field(ge=0, le=1000)
    pending_ops: int = Field(ge=0, le=MAX_INT, default=0)
    cursor: int = Field(ge=0, le=MAX_INT, default=0, description="the laptop's pull cursor")


class HelloOut(BaseModel):
    server_time: dt.datetime
    server_epoch: str
    org_version: int = Field(
        description="the organisation's latest version: a laptop cursor above it means a restore"
    )
    device_max_hlc: str | None = Field(
        description="the latest HLC this laptop sent: more than its clock means a restore"
    )
    device_cursor: int = Field(
        description="the cursor this laptop gave at its last hello: more than it holds now means a restore"
    )
    client_schema: SchemaRange
    limits: Limits


class OpIn(BaseModel):
    op_id: str = Field(pattern=UUID_PATTERN)
    table: str = Field(pattern=TABLE_PATTERN)
    row_id: str = Field(pattern=UUID_PATTERN)
    kind: str = Field(pattern=r"^[a-z]{1,10}$", description="insert | update")
    hlc: str = Field(pattern=r"^[0-9]{1,19}\.[0-9]{1,19}\.[A-Za-z0-9-]{1,36}$")
    payload: dict[str, Any]


class PushIn(BaseModel):
    ops: list[OpIn] = Field(max_length=500)


class OpResult(BaseModel):
    op_id: str
    status: str = Field(description="applied | duplicate | conflict | rejected")
    version: int | None = Field(description="the row's version on the server after this op")
    reason: str = Field(description="why an op was rejected (empty otherwise)")


class PushOut(BaseModel):
    results: list[OpResult]
    server_epoch: str = Field(description="a laptop that sees it change mid-round starts the round over")


class RowOut(BaseModel):
    table: str
    id: str
    version: int
    kind: str = Field(description="record | fact | conflict")
    data: dict[str, Any]
    field_hlc: dict[str, str]
    created_hlc: str
    updated_hlc: str
    device_id: str


class ChangesOut(BaseModel):
    rows: list[RowOut]
    cursor: int
    more: bool
    org_version: int
    server_epoch: str


class RowsIn(BaseModel):
    table: str = Field(pattern=TABLE_PATTERN)
    ids: list[RowId] = Field(max_length=1000)


class RowsOut(BaseModel):
    rows: list[RowOut]
    server_epoch: str


class TableDigestOut(BaseModel):
    count: int
    digest: str
    buckets: list[str] = Field(description="16 buckets, each 'count:xor-of-row-hashes'")


class VerifyOut(BaseModel):
    org_version: int
    server_epoch: str
    tables: dict[str, TableDigestOut]


class BucketOut(BaseModel):
    table: str
    bucket: int
    rows: list[list[str]] = Field(description="[row id, row hash] pairs")


class CentralUserOut(BaseModel):
    username: str
    display_name: str
    role: str
    password_hash: str
    active: bool
    updated_at: dt.datetime


class UsersOut(BaseModel):
    users: list[CentralUserOut]
