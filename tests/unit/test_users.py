"""Local users: first-run admin, sign-in, roles, stay signed in until the end of the local day."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services import Services


def test_first_user_needs_no_admin_and_later_ones_do(store):
    anyone = Services(store, Actor("guest", "coordinator"))
    admin = anyone.users.create("admin", "مدير النظام", "admin", "s3cret!")
    assert admin.role == "admin"
    with pytest.raises(PermissionDenied):
        anyone.users.create("sara", "سارة", "coordinator", "s3cret!")
    Services(store, admin.actor).users.create("sara", "سارة الشهري", "coordinator", "s3cret!")
    assert [u.username for u in anyone.users.list()] == ["admin", "sara"]


def test_sign_in_checks_the_password_and_stays_signed_in_until_midnight(store):
    svc = Services(store, None)  # nobody signed in: the first run
    svc.users.create("Sara", "سارة", "coordinator", "pass1234")
    with pytest.raises(ValidationError) as bad:
        svc.users.sign_in("sara", "wrong")
    assert bad.value.message("ar") == "اسم المستخدم أو كلمة المرور غير صحيحة."
    user = svc.users.sign_in("SARA", "pass1234", stay_signed_in=True)
    assert svc.users.remembered().id == user.id
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, hours=1)
    assert svc.users.remembered(at=tomorrow) is None
    svc.as_user(user.actor).users.sign_out(user.id)
    assert svc.users.remembered() is None


def test_user_input_is_validated(store):
    svc = Services(store, None)  # nobody signed in: the first run
    for username, password in [("a b", "pass1234"), ("ab", "pass1234"), ("sara", "123")]:
        with pytest.raises(ValidationError):
            svc.users.create(username, "سارة", "coordinator", password)


def test_settings_have_defaults_and_admin_only_keys(store):
    coordinator = Services(store, Actor("sara", "coordinator"))
    assert coordinator.settings.get("desk.undo_seconds") == 120
    coordinator.settings.set("ui.digits", "arabic")
    assert coordinator.settings.get("ui.digits") == "arabic"
    with pytest.raises(PermissionDenied):
        coordinator.settings.set("certificates.signatory_name", "م. خالد")
