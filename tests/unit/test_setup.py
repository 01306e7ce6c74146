"""First run: the organisation and its first administrator, signed in, in ONE transaction."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import ContractError, ValidationError
from fieldapp.services import Services
from fieldapp.store.models import AppUser, Organisation


def _rows(store, model) -> int:
    with store.reader() as session:
        return session.query(model).count()


def test_first_run_creates_the_admin_and_the_organisation_and_signs_in(store):
    nobody = Services(store, None)
    user = nobody.setup.first_run(
        "أمانة محافظة الطائف", "taif", "الطائف", "Fahad", "فهد الدوسري", "secret123"
    )
    assert (user.username, user.role) == ("fahad", "admin")
    assert {"users", "settings", "session"} <= user.changed.topics
    assert nobody.organisation.get().short_code == "TAIF"
    assert nobody.users.remembered().id == user.id  # stays signed in today
    opening = nobody.setup.opening()
    assert not opening.first_run and opening.remembered.id == user.id


def test_a_failing_last_step_leaves_nothing_behind(store):
    """A valid admin, then an organisation short code that cannot go into a serial."""
    nobody = Services(store, None)
    with pytest.raises(ValidationError) as bad:
        nobody.setup.first_run("أمانة", "طائف", "", "fahad", "فهد الدوسري", "secret123")
    assert bad.value.field == "short_code"
    assert _rows(store, AppUser) == 0 and _rows(store, Organisation) == 0
    assert nobody.setup.opening().first_run


def test_a_failing_organisation_step_rolls_the_admin_back(store):
    """The admin row is flushed before the organisation step fails (one exists already)."""
    Services(store, None).setup.first_run("أمانة", "TAIF", "", "fahad", "فهد", "secret123")
    with store.session("test") as session:  # an empty laptop again, but for the organisation
        session.query(AppUser).delete()
    with pytest.raises(ValidationError) as bad:
        Services(store, None).setup.first_run("جهة أخرى", "OTHER", "", "khalid", "خالد", "secret123")
    assert bad.value.key == "organisation.exists"
    assert _rows(store, AppUser) == 0 and _rows(store, Organisation) == 1


def test_first_run_only_on_an_empty_laptop(store):
    nobody = Services(store, None)
    nobody.setup.first_run("أمانة", "TAIF", "", "fahad", "فهد", "secret123")
    with pytest.raises(ValidationError) as again:
        nobody.setup.first_run("أمانة", "TAIF", "", "other", "آخر", "secret123")
    assert again.value.key == "setup.done"
    # and later users need an administrator: nobody signed in may not add one
    with pytest.raises(ContractError):
        nobody.users.create("khalid", "خالد", "coordinator", "secret123")
    assert _rows(store, AppUser) == 1
