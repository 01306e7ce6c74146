"""The write contract (services.contract): no write without an actor, no transaction outside a write."""

from __future__ import annotations

from functools import cached_property

import pytest

from fieldapp.core.errors import ContractError
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.contract import is_write

SERVICES = sorted(name for name, attr in vars(Services).items() if isinstance(attr, cached_property))
#: services that only read
READ_ONLY = {"search", "dashboard"}
#: the only writes that may run with nobody signed in: signing in, the first run, a personal setting
#: on the sign-in screen, and the very first user
ANONYMOUS = {"users.sign_in", "users.create", "setup.first_run", "settings.set"}


def _writes(service) -> dict[str, object]:
    return {
        name: getattr(service, name)
        for name in dir(type(service))
        if not name.startswith("_") and is_write(getattr(type(service), name))
    }


def test_the_hub_has_the_services():
    assert {"users", "settings", "organisation", "setup", "dashboard", "people", "events"} <= set(SERVICES)


@pytest.mark.parametrize("name", SERVICES)
def test_a_write_without_an_actor_is_a_programming_error(store, name):
    service = getattr(Services(store, None), name)
    writes = _writes(service)
    if name in READ_ONLY:
        assert not writes, f"{name} was meant to only read"
        return
    assert writes, f"{name} has no @write method"
    for method_name, method in writes.items():
        qualified = f"{name}.{method_name}"
        if qualified in ANONYMOUS:
            # past the actor check: the call itself (here with no arguments) is what fails
            with pytest.raises(TypeError):
                method()
        else:
            # refused before the method runs, whatever its arguments
            with pytest.raises(ContractError, match="no actor"):
                method()


def test_the_first_user_needs_no_actor_but_the_second_does(store):
    nobody = Services(store, None)
    nobody.users.create("sara", "سارة", "admin", "secret123")
    with pytest.raises(ContractError):
        nobody.users.create("khalid", "خالد", "coordinator", "secret123")


def test_a_transaction_outside_a_write_is_a_programming_error(store):
    services = Services(store, Actor("sara", "admin"))
    with pytest.raises(ContractError, match="outside a @write"), services.settings.transaction():
        pass
    with pytest.raises(ContractError, match="outside a @write"), services.users.transaction(user_name="x"):
        pass
