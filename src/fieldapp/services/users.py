"""Local users of this laptop: offline sign-in (argon2), roles, "stay signed in until the end of the day"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import ROLES, Actor, require
from fieldapp.core.text import clean_name
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import AppUser
from fieldapp.store.unit_of_work import audit

i18n.register(
    {
        "user.bad_login": ("اسم المستخدم أو كلمة المرور غير صحيحة.", "Wrong user name or password."),
        "user.inactive": (
            "هذا الحساب موقوف؛ راجع مدير النظام.",
            "This account is disabled; ask an administrator.",
        ),
        "user.inactive_central": (
            "أوقف مدير الجهة هذا الحساب على الخادم المركزي، فلم يعد يدخل على أي جهاز؛ راجع مدير النظام.",
            "This account was disabled on the organisation's central server and no longer signs in "
            "on any laptop; ask your administrator.",
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

USERS = Changed.of("users")
SESSION = Changed.of("session")
#: the audit trail's name for what is done before any user exists (the first administrator)
FIRST_RUN = "(first run)"


@dataclass(frozen=True)
class UserView:
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    changed: Changed = field(default=Changed(), compare=False)

    @property
    def actor(self) -> Actor:
        return Actor(self.display_name, self.role, self.id)


def user_view(user: AppUser, changed: Changed = Changed()) -> UserView:
    return UserView(user.id, user.username, user.display_name, user.role, user.active, changed)


def _end_of_local_day(now: dt.datetime) -> dt.datetime:
    local = dates.to_local(now)
    end = dt.datetime.combine(local.date(), dt.time(23, 59, 59), tzinfo=dates.APP_TZ)
    return end.astimezone(dt.UTC)


def _check_password(password: str) -> None:
    if len(password) < 6:
        raise ValidationError("user.password_short", field="password")


def user_count_in(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AppUser)) or 0


def add_user_in(session: Session, username: str, display_name: str, role: str, password: str) -> AppUser:
    """One step: validate and add a user in an open transaction (the caller checked who may)."""
    username = username.strip().lower()
    if not (3 <= len(username) <= 30 and username.isascii() and username.replace("_", "").isalnum()):
        raise ValidationError("user.username", field="username")
    if role not in ROLES:
        raise ValidationError("user.role", field="role", role=role)
    _check_password(password)
    name = clean_name(display_name, field="display_name")
    if session.scalar(select(AppUser).where(AppUser.username == username)):
        raise ValidationError("user.exists", field="username", username=username)
    user = AppUser(
        username=username,
        display_name=name,
        role=role,
        password_hash=_hasher.hash(password),
        created_at=dates.now(),
    )
    session.add(user)
    session.flush()
    audit(session, "user.create", f"{username} ({role})", "app_user", user.id)
    return user


def sign_in_in(session: Session, username: str, password: str, stay_signed_in: bool) -> AppUser:
    """One step: check the password in an open transaction; remember the user until midnight if asked."""
    user = session.scalar(select(AppUser).where(AppUser.username == username.strip().lower()))
    try:
        ok = user is not None and _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        audit(session, "user.sign_in_failed", username)
        raise ValidationError("user.bad_login", field="password")
    if not user.active:
        raise ValidationError("user.inactive_central" if user.central else "user.inactive", field="username")
    user.signed_in_until = _end_of_local_day(dates.now()) if stay_signed_in else None
    audit(session, "user.sign_in", "stay" if stay_signed_in else "", "app_user", user.id)
    return user


class UsersService(Service):
    def count(self) -> int:
        with self.reader() as session:
            return user_count_in(session)

    def list(self) -> list[UserView]:
        with self.reader() as session:
            return [user_view(u) for u in session.scalars(select(AppUser).order_by(AppUser.username))]

    @write(anonymous=True)
    def create(self, username: str, display_name: str, role: str, password: str) -> UserView:
        """The first user may be created by anyone, even with nobody signed in (first run); later
        ones need an administrator."""
        actor = self.services.actor
        with self.transaction(user_name=actor.user_name if actor is not None else FIRST_RUN) as session:
            if user_count_in(session) > 0:
                require(actor, "users.manage")  # nobody signed in: ContractError
            return user_view(add_user_in(session, username, display_name, role, password), USERS)

    @write(anonymous=True)
    def sign_in(self, username: str, password: str, stay_signed_in: bool = False) -> UserView:
        with self.transaction(user_name=username) as session:
            return user_view(sign_in_in(session, username, password, stay_signed_in), SESSION)

    def remembered(self, at: dt.datetime | None = None) -> UserView | None:
        """The user who chose to stay signed in on this laptop today, if still valid."""
        at = at or dates.now()
        with self.reader() as session:
            user = session.scalar(
                select(AppUser)
                .where(AppUser.signed_in_until.is_not(None), AppUser.active.is_(True))
                .order_by(AppUser.signed_in_until.desc())
            )
            return user_view(user) if user is not None and user.signed_in_until >= at else None

    @write
    def sign_out(self, user_id: str) -> Done:
        """Locking the app or signing out: the laptop no longer opens straight on the desk."""
        with self.transaction() as session:
            user = session.get(AppUser, user_id)
            if user is not None:
                user.signed_in_until = None
                audit(session, "user.sign_out", "", "app_user", user.id)
        return Done(SESSION)

    @write
    def set_active(self, user_id: str, active: bool) -> UserView:
        require(self.actor, "users.manage")
        with self.transaction() as session:
            user = session.get(AppUser, user_id)
            user.active = active
            if not active:
                user.signed_in_until = None
            audit(session, "user.active" if active else "user.disable", user.username, "app_user", user.id)
            return user_view(user, USERS)

    @write
    def set_password(self, user_id: str, password: str) -> Done:
        if self.actor.user_id != user_id:
            require(self.actor, "users.manage")
        _check_password(password)
        with self.transaction() as session:
            user = session.get(AppUser, user_id)
            user.password_hash = _hasher.hash(password)
            audit(session, "user.password", user.username, "app_user", user.id)
        return Done(USERS)
