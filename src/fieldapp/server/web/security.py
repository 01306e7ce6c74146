"""What keeps the browser pages safe: rate limits, sessions, form tokens, the audit trail.

- Rate limits are token buckets per client address, kept in the memory of each server process
  (simple and enough against guessing from one address; with N workers an address gets at most N
  times the rate, and a restart forgets the buckets). The client address is the one uvicorn sees,
  which behind a reverse proxy on 127.0.0.1 is the forwarded one (uvicorn's proxy headers).
- Sessions live in the database (web_session): the cookie holds a random token, the table only its
  sha256; HttpOnly, SameSite=Strict, Secure when the page came over TLS; 8 hours.
- Every form carries the session's CSRF token, compared in constant time. The sign-in form, before
  any session exists, uses a double-submit token (a cookie and the same value in the form).
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from fieldapp.server import codes
from fieldapp.server.db import read_session, write_session
from fieldapp.server.models import CentralUser, Organisation, WebAudit, WebSession, utcnow

SESSION_COOKIE = "fieldapp_session"
LOGIN_CSRF_COOKIE = "fieldapp_login_csrf"
LANG_COOKIE = "fieldapp_lang"
SESSION_HOURS = 8
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown, so both answers take as long (no user
    enumeration). Made on first use: an argon2 hash costs a good part of a second at import."""
    return _hasher.hash(secrets.token_hex(16))


class TokenBucket:
    """`burst` requests at once, then one every `1/rate` seconds, per key (a client address)."""

    MAX_KEYS = 10_000  # beyond this the fullest buckets are forgotten: memory stays bounded

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > self.MAX_KEYS:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        """A full bucket is the same as no bucket; if every one is in use, start afresh."""
        for key in [
            k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.burst
        ]:
            del self._buckets[key]
        if len(self._buckets) > self.MAX_KEYS:
            self._buckets.clear()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "-"


def is_tls(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=is_tls(request),
        path="/",
    )


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))


@dataclass(frozen=True)
class Admin:
    """The signed-in administrator: `org_id` scopes every query of the admin pages."""

    user_id: str
    username: str
    display_name: str
    org_id: str
    org_code: str
    org_name: str
    csrf_token: str
    token_hash: str


def audit(
    engine: Engine, action: str, request: Request, org_id: str | None, username: str, detail: str = ""
) -> None:
    with write_session(engine) as s:
        s.add(
            WebAudit(
                org_id=org_id,
                username=username[:64],
                action=action,
                detail=detail[:500],
                client_ip=client_ip(request)[:64],
            )
        )


@dataclass(frozen=True)
class LoginCheck:
    """outcome: ok | refused | not_admin | disabled; `org_id` when the organisation code is known
    (so a refused attempt is in that organisation's audit trail), `user` when the password was right."""

    outcome: str
    org_id: str | None
    user: CentralUser | None = None


def org_id_of(engine: Engine, org_code: str) -> str | None:
    with read_session(engine) as s:
        return s.scalar(select(Organisation.id).where(Organisation.code == org_code.strip().upper()[:8]))


def check_password(engine: Engine, org_code: str, username: str, password: str) -> LoginCheck:
    """An unknown organisation or user costs one argon2 verification too."""
    with read_session(engine) as s:
        org = s.scalar(select(Organisation).where(Organisation.code == org_code.strip().upper()[:8]))
        user = None
        if org is not None:
            user = s.scalar(
                select(CentralUser).where(
                    CentralUser.org_id == org.id, CentralUser.username == username.strip().lower()[:64]
                )
            )
        s.expunge_all()  # read after the transaction ends
    org_id = org.id if org is not None else None
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return LoginCheck("refused", org_id)
    if user is None:
        return LoginCheck("refused", org_id)
    if not user.active:
        return LoginCheck("disabled", org_id, user)
    if user.role != "admin":
        return LoginCheck("not_admin", org_id, user)
    return LoginCheck("ok", org_id, user)


def start_session(engine: Engine, user: CentralUser) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with write_session(engine) as s:
        s.execute(delete(WebSession).where(WebSession.expires_at < now))  # tidy up old ones
        s.add(
            WebSession(
                token_hash=codes.sha256_hex(token),
                org_id=user.org_id,
                user_id=user.id,
                csrf_token=secrets.token_urlsafe(32),
                expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def current_admin(engine: Engine, token: str | None) -> Admin | None:
    """The session's administrator, or None (no cookie, expired, signed out, account disabled or
    no longer an administrator)."""
    if not token or len(token) > 100:
        return None
    with read_session(engine) as s:
        row = s.execute(
            select(WebSession, CentralUser, Organisation)
            .join(CentralUser, CentralUser.id == WebSession.user_id)
            .join(Organisation, Organisation.id == WebSession.org_id)
            .where(WebSession.token_hash == codes.sha256_hex(token))
        ).first()
        s.expunge_all()  # read after the transaction ends
    if row is None:
        return None
    session, user, org = row
    if session.expires_at <= utcnow() or not user.active or user.role != "admin" or user.org_id != org.id:
        return None
    return Admin(
        user.id,
        user.username,
        user.display_name,
        org.id,
        org.code,
        org.name,
        session.csrf_token,
        session.token_hash,
    )


def end_session(engine: Engine, token_hash: str) -> None:
    with write_session(engine) as s:
        s.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


def end_sessions_of(s, user_id: str) -> None:
    """In an open write session: every browser of this account is signed out."""
    s.execute(delete(WebSession).where(WebSession.user_id == user_id))
