"""What `fieldapp server-admin` does, without the argument parsing (Qt-free, testable).

Every function takes the server's engine, runs one transaction and returns plain dicts. Data of
an organisation is always looked up through that organisation (`org_by_code` first).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.core import i18n
from fieldapp.core.permissions import ROLES
from fieldapp.server import codes
from fieldapp.server.db import is_sqlite, read_session, write_session
from fieldapp.server.errors import ServerError
from fieldapp.server.models import (
    CentralUser,
    Device,
    EnrollmentCode,
    Organisation,
    OrgSync,
    ServerState,
    utcnow,
)
from fieldapp.store.backup import backup_database

i18n.register(
    {
        "server.org_code": (
            "رمز الجهة من 2 إلى 8 أحرف لاتينية أو أرقام: {code}",
            "An organisation code is 2 to 8 Latin letters or digits: {code}",
        ),
        "server.org_name": ("اسم الجهة مطلوب.", "The organisation needs a name."),
        "server.org_exists": (
            "الرمز {code} مستخدم لجهة أخرى.",
            "The code {code} is taken by another organisation.",
        ),
        "server.org_unknown": ("لا توجد جهة بالرمز {code}.", "No organisation has the code {code}."),
        "server.device_unknown": ("لا يوجد جهاز بالمعرّف {device}.", "No device has the id {device}."),
        "server.expires_hours": (
            "مدة صلاحية الرمز بالساعات من 0 إلى 720.",
            "The code's lifetime must be 0 to 720 hours.",
        ),
        "server.user_name": (
            "اسم المستخدم من 3 إلى 30 حرفًا لاتينيًا أو رقمًا بلا مسافات.",
            "The user name must be 3 to 30 Latin letters or digits, without spaces.",
        ),
        "server.user_display": ("الاسم الظاهر مطلوب.", "The user needs a display name."),
        "server.user_exists": (
            "المستخدم {username} موجود في هذه الجهة.",
            "The user {username} already exists here.",
        ),
        "server.user_unknown": (
            "لا يوجد مستخدم {username} في هذه الجهة.",
            "No user {username} in this organisation.",
        ),
        "server.user_role": (
            "الدور غير معروف: {role} (coordinator أو supervisor أو admin).",
            "Unknown role: {role} (coordinator, supervisor or admin).",
        ),
        "server.password_short": (
            "كلمة المرور قصيرة: 6 أحرف على الأقل.",
            "The password is too short: at least 6 characters.",
        ),
        "server.backup_pg": (
            "النسخ الاحتياطي لخادم PostgreSQL يتم بالأداة pg_dump (مثلاً: pg_dump -Fc -f server.dump DBNAME).",
            "Back up a PostgreSQL server with pg_dump (for example: pg_dump -Fc -f server.dump DBNAME).",
        ),
    }
)

ORG_CODE = re.compile(r"[A-Z0-9]{2,8}")
USERNAME = re.compile(r"[A-Za-z0-9_.]{3,30}")
MAX_EXPIRES_HOURS = 720
_hasher = PasswordHasher()


def ensure_server_state(engine: Engine) -> str:
    """The server's epoch, made on first start: 16 random bytes in hex."""
    try:
        with write_session(engine) as s:
            state = s.get(ServerState, 1)
            if state is None:
                state = ServerState(id=1, epoch=secrets.token_hex(16))
                s.add(state)
            return state.epoch
    except IntegrityError:  # another process (a worker, server-admin) made it at the same moment
        with read_session(engine) as s:
            return s.get(ServerState, 1).epoch


def rotate_epoch(engine: Engine) -> str:
    """A new epoch (after a restore from backup): every laptop will push again all it holds."""
    with write_session(engine) as s:
        state = s.get(ServerState, 1) or ServerState(id=1)
        state.epoch, state.created_at = secrets.token_hex(16), utcnow()
        s.add(state)
        return state.epoch


def org_by_code(s: Session, code: str) -> Organisation:
    org = s.scalar(select(Organisation).where(Organisation.code == code.strip().upper()))
    if org is None:
        raise ServerError("server.org_unknown", status=404, code=code)
    return org


def org_by_code_exists(engine: Engine, code: str) -> None:
    """Refuse an unknown organisation code early (before prompting for a password)."""
    with read_session(engine) as s:
        org_by_code(s, code)


def _org_dict(org: Organisation) -> dict[str, Any]:
    return {"id": org.id, "code": org.code, "name": org.name, "created_at": org.created_at.isoformat()}


def create_org(engine: Engine, name: str, code: str) -> dict[str, Any]:
    code, name = code.strip().upper(), " ".join(name.split())
    if not ORG_CODE.fullmatch(code):
        raise ServerError("server.org_code", code=code)
    if not name:
        raise ServerError("server.org_name")
    with write_session(engine) as s:
        if s.scalar(select(Organisation.id).where(Organisation.code == code)) is not None:
            raise ServerError("server.org_exists", status=409, code=code)
        org = Organisation(name=name, code=code)
        s.add(org)
        s.flush()
        s.add(OrgSync(org_id=org.id, version=0))
        return _org_dict(org)


def list_orgs(engine: Engine) -> list[dict[str, Any]]:
    with read_session(engine) as s:
        return [_org_dict(o) for o in s.scalars(select(Organisation).order_by(Organisation.code))]


def make_enroll_code(engine: Engine, org_code: str, expires_hours: float, server_url: str) -> dict[str, Any]:
    if not 0 <= expires_hours <= MAX_EXPIRES_HOURS:
        raise ServerError("server.expires_hours")
    code = codes.new_code()
    with write_session(engine) as s:
        org = org_by_code(s, org_code)
        expires = utcnow() + dt.timedelta(hours=expires_hours)
        s.add(EnrollmentCode(org_id=org.id, code_hash=codes.sha256_hex(code), expires_at=expires))
        return {
            "organisation": org.code,
            "code": codes.grouped(code),
            "expires_at": expires.isoformat(),
            "server_url": server_url,
            "qr_text": codes.qr_text(server_url, code),
        }


def list_devices(engine: Engine, org_code: str) -> list[dict[str, Any]]:
    def iso(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    with read_session(engine) as s:
        org = org_by_code(s, org_code)
        rows = s.scalars(select(Device).where(Device.org_id == org.id).order_by(Device.enrolled_at))
        return [
            {
                "id": d.id,
                "name": d.name,
                "short_code": d.short_code,
                "app_version": d.app_version,
                "enrolled_at": iso(d.enrolled_at),
                "last_seen_at": iso(d.last_seen_at),
                "pending_ops_reported": d.pending_ops_reported,
                "revoked_at": iso(d.revoked_at),
            }
            for d in rows
        ]


def revoke_device(engine: Engine, device_id: str) -> dict[str, Any]:
    """Revoke a laptop: its token is refused from now on (401 auth.revoked); it keeps its data."""
    with write_session(engine) as s:
        device = s.get(Device, device_id.strip())
        if device is None:
            raise ServerError("server.device_unknown", status=404, device=device_id)
        if device.revoked_at is None:
            device.revoked_at = utcnow()
        return {"id": device.id, "name": device.name, "revoked_at": device.revoked_at.isoformat()}


def _check_password(password: str) -> None:
    if len(password) < 6:
        raise ServerError("server.password_short")


def add_user(
    engine: Engine, org_code: str, username: str, display_name: str, role: str, password: str
) -> dict[str, Any]:
    username, display_name = username.strip().lower(), " ".join(display_name.split())
    if not USERNAME.fullmatch(username):
        raise ServerError("server.user_name")
    if not display_name:
        raise ServerError("server.user_display")
    if role not in ROLES:
        raise ServerError("server.user_role", role=role)
    _check_password(password)
    with write_session(engine) as s:
        org = org_by_code(s, org_code)
        exists = select(CentralUser.id).where(CentralUser.org_id == org.id, CentralUser.username == username)
        if s.scalar(exists) is not None:
            raise ServerError("server.user_exists", status=409, username=username)
        user = CentralUser(
            org_id=org.id,
            username=username,
            display_name=display_name,
            role=role,
            password_hash=_hasher.hash(password),
        )
        s.add(user)
        s.flush()
        return _user_dict(user)


def _user(s: Session, org_code: str, username: str) -> CentralUser:
    org = org_by_code(s, org_code)
    query = select(CentralUser).where(CentralUser.org_id == org.id, CentralUser.username == username.lower())
    user = s.scalar(query)
    if user is None:
        raise ServerError("server.user_unknown", status=404, username=username)
    return user


def _user_dict(user: CentralUser) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
        "updated_at": user.updated_at.isoformat(),
    }


def set_password(engine: Engine, org_code: str, username: str, password: str) -> dict[str, Any]:
    _check_password(password)
    with write_session(engine) as s:
        user = _user(s, org_code, username)
        user.password_hash, user.updated_at = _hasher.hash(password), utcnow()
        return _user_dict(user)


def disable_user(engine: Engine, org_code: str, username: str) -> dict[str, Any]:
    with write_session(engine) as s:
        user = _user(s, org_code, username)
        user.active, user.updated_at = False, utcnow()
        return _user_dict(user)


def list_users(engine: Engine, org_code: str) -> list[dict[str, Any]]:
    with read_session(engine) as s:
        org = org_by_code(s, org_code)
        query = select(CentralUser).where(CentralUser.org_id == org.id).order_by(CentralUser.username)
        return [_user_dict(u) for u in s.scalars(query)]


def backup(engine: Engine, target: Path) -> Path:
    """A consistent copy of the embedded SQLite server (sqlite3's online backup API)."""
    if not is_sqlite(engine):
        raise ServerError("server.backup_pg")
    return backup_database(Path(engine.url.database), target)
