"""The organisation: one row, a short code fit for serials, created by an admin only."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor


def test_one_organisation_with_a_clean_short_code(services):
    assert services.organisation.get() is None
    org = services.organisation.create(" أمانة محافظة الطائف ", "taif", "الطائف")
    assert (org.name, org.short_code) == ("أمانة محافظة الطائف", "TAIF")
    with pytest.raises(ValidationError) as again:
        services.organisation.create("جهة أخرى", "OTHER")
    assert "أمانة محافظة الطائف" in again.value.message("en")
    services.organisation.update("أمانة الطائف", "الطائف")
    assert services.organisation.get().name == "أمانة الطائف"


@pytest.mark.parametrize("code", ["T", "TAIF TAIF", "طائف", "TOOLONGCODE"])
def test_short_codes_that_cannot_go_into_a_serial_are_refused(services, code):
    with pytest.raises(ValidationError):
        services.organisation.create("أمانة", code)


def test_a_coordinator_cannot_set_up_the_organisation(services):
    with pytest.raises(PermissionDenied):
        services.as_user(Actor("خالد", "coordinator")).organisation.create("أمانة", "TAIF")
