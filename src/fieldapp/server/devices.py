"""Enrolment of a laptop and authentication of its token (used by the HTTP API).

The enrolment code is consumed by a conditional UPDATE ... WHERE used_at IS NULL in the same
transaction as the device row: of two concurrent requests with one code, exactly one sees
rowcount 1 (on PostgreSQL the second waits on the row lock, then finds it used; on SQLite the
write transactions are serialised by BEGIN IMMEDIATE). Any refusal rolls the whole transaction
back, so a refused enrolment leaves the code unused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from fieldapp.core import i18n
from fieldapp.server import codes
from fieldapp.server.db import read_session, write_session
from fieldapp.server.errors import ServerError
from fieldapp.server.models import Device, EnrollmentCode, Organisation, ServerState, utcnow

i18n.register(
    {
        "enroll.code_invalid": ("رمز التسجيل غير صحيح.", "The enrolment code is not valid."),
        "enroll.code_used": (
            "رمز التسجيل استُخدم من قبل؛ اطلب رمزًا جديدًا.",
            "The enrolment code was already used; ask for a new one.",
        ),
        "enroll.code_expired": (
            "انتهت صلاحية رمز التسجيل؛ اطلب رمزًا جديدًا.",
            "The enrolment code has expired; ask for a new one.",
        ),
        "enroll.short_code_taken": (
            "جهاز آخر في هذه الجهة يحمل الرمز المختصر {short_code}.",
            "Another laptop of this organisation already has the short code {short_code}.",
        ),
        "enroll.device_other_org": (
            "هذا الحاسوب مسجَّل في جهة أخرى.",
            "This laptop is enrolled in another organisation.",
        ),
        "enroll.bad_key": ("المفتاح العام للتوقيع غير صالح.", "The signing public key is not valid."),
        "device.revoked": (
            "أُزيل هذا الحاسوب من الجهة؛ لا يمكن تسجيله من جديد.",
            "This laptop was removed from the organisation; it cannot enrol again.",
        ),
        "auth.unknown_token": (
            "الخادم لا يعرف هذا الحاسوب؛ سجّله من جديد.",
            "The server does not know this laptop; enrol it again.",
        ),
        "auth.revoked": (
            "أُزيل هذا الحاسوب من الجهة؛ توقفت المزامنة وبياناته محفوظة عليه.",
            "This laptop was removed from the organisation; sync stopped and its data is kept on it.",
        ),
    }
)

SEEN_RESOLUTION = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class EnrollRequest:
    code: str
    device_id: str
    device_name: str
    short_code: str
    public_key: str
    key_id: str
    app_version: str


@dataclass(frozen=True)
class Caller:
    """The authenticated device and its organisation: every org query uses `org_id`."""

    device_id: str
    device_name: str
    short_code: str
    org_id: str
    org_code: str
    org_name: str


def _check_key(public_key: str, key_id: str) -> None:
    try:
        raw = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ServerError("enroll.bad_key") from exc
    if len(raw) != 32 or hashlib.sha256(raw).hexdigest()[:8] != key_id:
        raise ServerError("enroll.bad_key")


def _consume_code(s, req: EnrollRequest) -> EnrollmentCode:
    now = utcnow()
    code_hash = codes.sha256_hex(codes.normalise_code(req.code))
    row = s.scalar(select(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash))
    if row is None:
        raise ServerError("enroll.code_invalid", status=400)
    if row.used_at is not None:
        raise ServerError("enroll.code_used", status=410)
    if row.expires_at <= now:
        raise ServerError("enroll.code_expired", status=410)
    taken = s.execute(
        update(EnrollmentCode)
        .where(EnrollmentCode.id == row.id, EnrollmentCode.used_at.is_(None))
        .values(used_at=now, used_by_device_id=req.device_id)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise ServerError("enroll.code_used", status=410)
    return row


def enroll(engine: Engine, req: EnrollRequest) -> tuple[str, Organisation, Device, str]:
    """Bind the laptop to the code's organisation. Returns (token, organisation, device, epoch)."""
    _check_key(req.public_key, req.key_id)
    token = codes.new_token()
    try:
        with write_session(engine) as s:
            code = _consume_code(s, req)
            org = s.get(Organisation, code.org_id)
            device = s.get(Device, req.device_id)
            if device is not None and device.org_id != org.id:
                raise ServerError("enroll.device_other_org", status=409)
            if device is not None and device.revoked_at is not None:
                raise ServerError("device.revoked", status=403)
            clash = select(Device.id).where(
                Device.org_id == org.id, Device.short_code == req.short_code, Device.id != req.device_id
            )
            if s.scalar(clash) is not None:
                raise ServerError("enroll.short_code_taken", status=409, short_code=req.short_code)
            if device is None:
                device = Device(id=req.device_id, org_id=org.id, enrolled_at=utcnow())
                s.add(device)
            device.name, device.short_code, device.app_version = (
                req.device_name,
                req.short_code,
                req.app_version,
            )
            device.public_key, device.key_id = req.public_key, req.key_id
            device.token_hash = codes.sha256_hex(token)
            device.last_seen_at = utcnow()
            s.flush()
            epoch = s.get(ServerState, 1).epoch
            return token, org, device, epoch
    except IntegrityError as exc:  # a concurrent enrolment took the short code (or the device id)
        raise ServerError("enroll.short_code_taken", status=409, short_code=req.short_code) from exc


def authenticate(engine: Engine, token: str) -> Caller:
    """The device behind a bearer token (401 unknown or revoked). Marks it seen, at most once a
    minute, so authenticated reads do not all queue for the write lock."""
    with read_session(engine) as s:
        device = s.scalar(select(Device).where(Device.token_hash == codes.sha256_hex(token)))
        if device is None:
            raise ServerError("auth.unknown_token", status=401)
        if device.revoked_at is not None:
            raise ServerError("auth.revoked", status=401)
        org = s.get(Organisation, device.org_id)
        caller = Caller(device.id, device.name, device.short_code, org.id, org.code, org.name)
        seen = device.last_seen_at
    now = utcnow()
    if seen is None or now - seen > SEEN_RESOLUTION:
        with write_session(engine) as s:
            s.execute(update(Device).where(Device.id == caller.device_id).values(last_seen_at=now))
    return caller
