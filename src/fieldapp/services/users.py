"""Local users of this laptop: offline sign-in (argon2), roles, "stay signed in until the end of the day"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from fieldapp.core import dates, i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import ROLES, Actor, require
from fieldapp.core.text import clean_name
from fieldapp.services import Changed, Services
from fieldapp.store.models import AppUser
from fieldapp.store.unit_of_work import audit

i18n.register(
    {
        "user.bad_login": ("اسم المستخدم أو كلمة المرور غير صحيحة.", "Wrong user name or password."),
        "user.inactive": (
            "هذا الحساب موقوف؛ راجع مدير النظام.",
            "This account is disabled; ask an administrator.",
        ),
        "user.username": (
            "اسم المستخدم من 3 إلى 30 حرفًا لاتينيًا أو رقمًا بلا مسافات.",
            "The user name must be 3 to 30 Latin letters or digits, without spaces.",
        ),
        "user.exists": ("اسم المستخدم «{username}» مستخدم من قبل.", "The user name '{username}' is taken."),
        "user.password_short": (
            "كلمة المرور قصيرة: 6 أحرف على الأقل.",
            "The password is too short: at least 6 characters.",
        ),
        "user.role": ("الدور غير معروف: {role}.", "Unknown role: {role}."),
    }
)

_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserView:
    id: str
    username: str
    display_name: str
    role: str
    active: bool

    @property
    def actor(self) -> Actor:
        return Actor(self.display_name, self.role, self.id)


def _view(u: AppUser) -> UserView:
    return UserView(u.id, u.username, u.display_name, u.role, u.active)


def _end_of_local_day(now: dt.datetime) -> dt.datetime:
    local = dates.to_local(now)
    end = dt.datetime.combine(local.date(), dt.time(23, 59, 59), tzinfo=dates.APP_TZ)
    return end.astimezone(dt.UTC)


class UsersService:
    def __init__(self, services: Services) -> None:
        self.s = services

    def count(self) -> int:
        with self.s.store.reader() as r:
            return r.scalar(select(func.count()).select_from(AppUser)) or 0

    def list(self) -> list[UserView]:
        with self.s.store.reader() as r:
            return [_view(u) for u in r.scalars(select(AppUser).order_by(AppUser.username))]

    def create(self, username: str, display_name: str, role: str, password: str) -> UserView:
        """The first user may be created by anyone (first run); later ones need an admin."""
        if self.count() > 0:
            require(self.s.actor, "users.manage")
        username = username.strip().lower()
        if not (3 <= len(username) <= 30 and username.isascii() and username.replace("_", "").isalnum()):
            raise ValidationError("user.username", field="username")
        if role not in ROLES:
            raise ValidationError("user.role", field="role", role=role)
        if len(password) < 6:
            raise ValidationError("user.password_short", field="password")
        name = clean_name(display_name, field="display_name")
        with self.s.store.session(self.s.actor.user_name) as s:
            if s.scalar(select(AppUser).where(AppUser.username == username)):
                raise ValidationError("user.exists", field="username", username=username)
            user = AppUser(
                username=username,
                display_name=name,
                role=role,
                password_hash=_hasher.hash(password),
                created_at=dates.now(),
            )
            s.add(user)
            s.flush()
            audit(s, "user.create", f"{username} ({role})", "app_user", user.id)
            return _view(user)

    def sign_in(self, username: str, password: str, stay_signed_in: bool = False) -> UserView:
        with self.s.store.session(username) as s:
            user = s.scalar(select(AppUser).where(AppUser.username == username.strip().lower()))
            try:
                ok = user is not None and _hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
            if not ok:
                audit(s, "user.sign_in_failed", username)
                raise ValidationError("user.bad_login", field="password")
            if not user.active:
                raise ValidationError("user.inactive", field="username")
            user.signed_in_until = _end_of_local_day(dates.now()) if stay_signed_in else None
            audit(s, "user.sign_in", "stay" if stay_signed_in else "", "app_user", user.id)
            return _view(user)

    def remembered(self, at: dt.datetime | None = None) -> UserView | None:
        """The user who chose to stay signed in on this laptop today, if still valid."""
        at = at or dates.now()
        with self.s.store.reader() as r:
            user = r.scalar(
                select(AppUser)
                .where(AppUser.signed_in_until.is_not(None), AppUser.active.is_(True))
                .order_by(AppUser.signed_in_until.desc())
            )
            return _view(user) if user is not None and user.signed_in_until >= at else None

    def sign_out(self, user_id: str) -> Changed:
        """Locking the app or signing out: the laptop no longer opens straight on the desk."""
        with self.s.store.session(self.s.actor.user_name) as s:
            user = s.get(AppUser, user_id)
            if user is not None:
                user.signed_in_until = None
                audit(s, "user.sign_out", "", "app_user", user.id)
        return Changed.of("session")

    def set_active(self, user_id: str, active: bool) -> UserView:
        require(self.s.actor, "users.manage")
        with self.s.store.session(self.s.actor.user_name) as s:
            user = s.get(AppUser, user_id)
            user.active = active
            if not active:
                user.signed_in_until = None
            audit(s, "user.active" if active else "user.disable", user.username, "app_user", user.id)
            return _view(user)

    def set_password(self, user_id: str, password: str) -> None:
        if self.s.actor.user_id != user_id:
            require(self.s.actor, "users.manage")
        if len(password) < 6:
            raise ValidationError("user.password_short", field="password")
        with self.s.store.session(self.s.actor.user_name) as s:
            user = s.get(AppUser, user_id)
            user.password_hash = _hasher.hash(password)
            audit(s, "user.password", user.username, "app_user", user.id)
