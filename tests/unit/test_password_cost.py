"""The app's password hashing costs what argon2 recommends (RFC 9106's low-memory choice: 64 MiB,
three passes, four lanes), on the laptop and on the server. The rest of the suite hashes at
argon2's minimum cost (tests/conftest.py); these tests run at the app's own."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from fieldapp.server import admin
from fieldapp.server.web import security
from fieldapp.services import users
from fieldapp.store.models import AppUser

pytestmark = pytest.mark.real_password_cost

APP_COST = "m=65536,t=3,p=4"


def test_every_password_hasher_of_the_app_costs_at_least_what_argon2_recommends():
    for module in (users, admin, security):
        hasher = module._hasher
        assert hasher.memory_cost >= 65536, module.__name__
        assert hasher.time_cost >= 3, module.__name__
        assert hasher.parallelism >= 4, module.__name__


def test_a_local_user_is_stored_with_an_argon2id_hash_at_the_app_cost(services):
    services.users.create("sara", "سارة", "admin", "secret123")
    with services.store.reader() as r:
        stored = r.scalar(select(AppUser.password_hash).where(AppUser.username == "sara"))
    assert stored.startswith(f"$argon2id$v=19${APP_COST}$"), stored
    assert PasswordHasher().verify(stored, "secret123")
    assert services.as_user(None).users.sign_in("sara", "secret123").username == "sara"


def test_the_cheap_hasher_of_the_other_tests_is_argon2id_too():
    from tests.conftest import CHEAP_ARGON2

    cheap = PasswordHasher(**CHEAP_ARGON2).hash("secret123")
    assert cheap.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert PasswordHasher().verify(cheap, "secret123")  # the app's hasher checks it as any other
