"""Local users of this laptop: offline sign-in (argon2), roles, "stay signed in until the end of the day".

Guessing is slowed per user name: after FREE_FAILURES wrong passwords in a row, the name is locked
for a time that doubles with each further failure (LOCK_FIRST_S up to LOCK_MAX_S); every failure
and every refused attempt is audited (audit_log is local: it never syncs). An unknown name costs
the same argon2 verification as a wrong password and is answered the same, so names cannot be
probed by the time an answer takes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.errors import FieldAppError, ValidationError
from fieldapp.core.permissions import ROLES, Actor, require
from fieldapp.core.text import clean_name
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import AppUser, AuditEntry
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
        "user.locked": (
            "محاولات دخول خاطئة كثيرة بهذا الاسم: أعد المحاولة بعد {seconds} ثانية.",
            "Too many wrong sign-ins with this name: try again in {seconds} seconds.",
        ),
    }
)

FREE_FAILURES = 4  # typos: the 5th wrong password in a row locks the name
LOCK_FIRST_S = 30
LOCK_MAX_S = 15 * 60
FAILURES_FORGOTTEN_AFTER = dt.timedelta(hours=24)
SIGNED_IN, FAILED, LOCKED = "user.sign_in", "user.sign_in_failed", "user.sign_in_locked"

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


def login_name(username: str) -> str:
    return username.strip().lower()


@cache
def _dummy_hash() -> str:
    """What an unknown name's password is checked against: the same work as a real check."""
    return _hasher.hash("no such user")


def locked_for(session: Session, name: str, now: dt.datetime) -> int:
    """Seconds `name` must still wait before trying again (0: it may try now)."""
    last_success = session.scalar(
        select(func.max(AuditEntry.at)).where(AuditEntry.action == SIGNED_IN, AuditEntry.user_name == name)
    )
    since = max(filter(None, [last_success, now - FAILURES_FORGOTTEN_AFTER]))
    failures = session.execute(
        select(func.count(), func.max(AuditEntry.at)).where(
            AuditEntry.action == FAILED, AuditEntry.user_name == name, AuditEntry.at > since
        )
    ).one()
    count, last = failures
    if count < FREE_FAILURES or last is None:
        return 0
    lock_s = min(LOCK_MAX_S, LOCK_FIRST_S * 2 ** (count - FREE_FAILURES))
    return max(0, int(-(-(last + dt.timedelta(seconds=lock_s) - now).total_seconds() // 1)))


def try_sign_in(
    session: Session, username: str, password: str, stay_signed_in: bool | None, via: str = ""
) -> AppUser | FieldAppError:
    """One step, in an open transaction whose audit name is `login_name(username)`: the user, or
    the error to show. The audit rows of a failure are written either way, so the caller commits
    before it raises the error. stay_signed_in None leaves "stay signed in" as it was (the CLI)."""
    name = login_name(username)
    now = dates.now()
    wait = locked_for(session, name, now)
    if wait:
        audit(session, LOCKED, via)
        return ValidationError("user.locked", field="password", seconds=wait)
    user = session.scalar(select(AppUser).where(AppUser.username == name))
    try:
        ok = (
            _hasher.verify(_dummy_hash() if user is None else user.password_hash, password)
            and user is not None
        )
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        audit(session, FAILED, via)
        return ValidationError("user.bad_login", field="password")
    if not user.active:
        audit(session, FAILED, f"{via} inactive".strip())
        return ValidationError("user.inactive_central" if user.central else "user.inactive", field="username")
    if stay_signed_in is not None:
        user.signed_in_until = _end_of_local_day(now) if stay_signed_in else None
    audit(session, SIGNED_IN, via or ("stay" if stay_signed_in else ""), "app_user", user.id)
    return user


def sign_in_in(session: Session, username: str, password: str, stay_signed_in: bool) -> AppUser:
    """One step: check the password in an open transaction (the first run's own administrator)."""
    outcome = try_sign_in(session, username, password, stay_signed_in)
    if isinstance(outcome, FieldAppError):
        raise outcome
    return outcome


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
    def sign_in(
        self, username: str, password: str, stay_signed_in: bool | None = False, via: str = ""
    ) -> UserView:
        """Check the password (see the module doc for the lockout); a failure is audited and then
        raised. `via` names where (the audit's detail: "cli"); stay_signed_in None: unchanged."""
        with self.transaction(user_name=login_name(username)) as session:
            outcome = try_sign_in(session, username, password, stay_signed_in, via)
            if not isinstance(outcome, FieldAppError):
                return user_view(outcome, SESSION)
        raise outcome  # after the commit: the failure stays in the audit trail

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
