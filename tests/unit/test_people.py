"""PeopleService: validation, checksum override, duplicates, consent flag, name_key, roster pages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.core.people import ChecksumWarning, PersonInput, parse_date, parse_gender
from fieldapp.core.permissions import Actor
from fieldapp.core.text import fold
from fieldapp.store.models import Outbox, Person


def test_create_normalises_every_field(services):
    view = services.people.create(
        PersonInput(
            full_name="  نورة\u200f  القحطاني ",
            latin_name="Noura Alqahtani",
            national_id="١٠٠٠٠٠٠٠٠٨",
            mobile="050 123 4567",
            gender="أنثى",
            birth_date="17/05/2001",
            badge_code=" v-17 ",
        )
    )
    assert view.full_name == "نورة القحطاني"
    assert (view.national_id, view.mobile, view.mobile_display) == (
        "1000000008",
        "+966501234567",
        "+966 50 123 4567",
    )
    assert (view.gender, view.birth_date, view.badge_code) == ("f", dt.date(2001, 5, 17), "V-17")
    assert "people" in view.changed.topics
    assert services.people.get(view.id) == view
    with services.store.reader() as r:
        assert r.get(Person, view.id).name_key == fold("نورة القحطاني Noura Alqahtani")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ذكر", "m"),
        ("أنثى", "f"),
        ("انثى", "f"),
        ("male", "m"),
        ("Female", "f"),
        ("M", "m"),
        ("F", "f"),
        ("م", "m"),
        ("ف", "f"),
    ],
)
def test_gender_spellings(raw, expected):
    assert parse_gender(raw) == expected


def test_unknown_gender_says_what_is_expected(services):
    with pytest.raises(ValidationError) as err:
        services.people.create(PersonInput("سعد", mobile="0501234567", gender="x"))
    assert err.value.field == "gender" and "female" in err.value.message("en")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2001-05-17", dt.date(2001, 5, 17)),
        ("17/05/2001", dt.date(2001, 5, 17)),
        ("05/17/2001", dt.date(2001, 5, 17)),
        ("١٧/٠٥/٢٠٠١", dt.date(2001, 5, 17)),
        (37028, dt.date(2001, 5, 17)),
        ("37028", dt.date(2001, 5, 17)),
        (dt.datetime(2001, 5, 17, 0, 0), dt.date(2001, 5, 17)),
        ("1446/10/01 هـ", dt.date(2025, 3, 30)),
        ("1446-10-01", dt.date(2025, 3, 30)),
    ],
)
def test_dates_in_many_forms(raw, expected):
    assert parse_date(raw) == expected


def test_bad_date_is_reported_with_examples():
    with pytest.raises(ValidationError) as err:
        parse_date("17/05/01")
    assert "2001-05-17" in err.value.message("en")


def test_a_name_and_an_identifier_are_required(services):
    with pytest.raises(ValidationError) as err:
        services.people.create(PersonInput("\u200f ", mobile="0501234567"))
    assert err.value.key == "name.empty"
    with pytest.raises(ValidationError) as err:
        services.people.create(PersonInput("سعد"))
    assert err.value.key == "person.identifier_required"


def test_bad_checksum_needs_a_supervisor_override(services, store):
    with pytest.raises(ChecksumWarning) as err:
        services.people.create(PersonInput("سعد", national_id="1000000000"))
    assert "supervisor" in err.value.message("en")
    coordinator = services.as_user(Actor("ali", "coordinator"))
    with pytest.raises(PermissionDenied):
        coordinator.people.create(
            PersonInput("سعد", national_id="1000000000"), override_checksum=True, walk_in=True
        )
    view = services.as_user(Actor("huda", "supervisor")).people.create(
        PersonInput("سعد", national_id="1000000000"), override_checksum=True
    )
    assert view.national_id == "1000000000"


def test_permissions_walk_in_and_edit(services):
    coordinator = services.as_user(Actor("ali", "coordinator"))
    view = coordinator.people.create(PersonInput("سعد", mobile="0501234567"), walk_in=True)
    with pytest.raises(PermissionDenied):
        coordinator.people.create(PersonInput("فهد", mobile="0501234568"))
    with pytest.raises(PermissionDenied):
        coordinator.people.update(view.id, PersonInput("سعد علي", mobile="0501234567"))


def test_duplicates_name_the_existing_person(services):
    services.people.create(PersonInput("عبدالله الزايدي", national_id="1000000008", mobile="0501234567"))
    with pytest.raises(ValidationError) as err:
        services.people.create(PersonInput("عبد الله", national_id="1000000008"))
    assert err.value.key == "person.duplicate_national_id" and "عبدالله الزايدي" in err.value.message("en")
    with pytest.raises(ValidationError) as err:
        services.people.create(PersonInput("سعد", mobile="+966 50 123 4567"))
    assert err.value.key == "person.duplicate_mobile" and "عبدالله الزايدي" in err.value.message("en")
    found = services.people.find_duplicates("١٠٠٠٠٠٠٠٠٨", None)
    assert [p.full_name for p in found] == ["عبدالله الزايدي"]
    assert services.people.find_duplicates(None, "00966501234567")[0].full_name == "عبدالله الزايدي"
    assert services.people.find_duplicates("garbage", None) == []


def test_under_18_is_stored_but_flagged(services):
    today = dt.date.today()
    young = services.people.create(
        PersonInput("ريم", mobile="0501234567", birth_date=today - dt.timedelta(days=15 * 365))
    )
    assert young.age in (14, 15)
    assert young.needs_consent
    consented = services.people.update(
        young.id,
        PersonInput("ريم", mobile="0501234567", birth_date=young.birth_date, guardian_consent="نعم"),
    )
    assert consented.guardian_consent and not consented.needs_consent


def test_update_writes_only_changed_fields_and_refreshes_name_key(services, store):
    view = services.people.create(PersonInput("خالد", mobile="0501234567"))
    same = services.people.update(view.id, PersonInput("خالد", mobile="0501234567"))
    assert not same.changed.topics
    services.people.update(view.id, PersonInput("خالد العتيبي", mobile="0501234567"))
    with store.reader() as r:
        ops = r.scalars(select(Outbox).where(Outbox.row_id == view.id).order_by(Outbox.seq)).all()
        assert [o.kind for o in ops] == ["insert", "update"]
        assert set(ops[1].payload["fields"]) == {"full_name", "name_key"}
        assert r.get(Person, view.id).name_key == "خالد العتيبي"


def test_roster_pages_with_total(services):
    for i in range(7):
        services.people.create(PersonInput(f"متطوع {i}", mobile=f"05012345{i:02d}"))
    services.people.delete(services.people.list(1, 1).items[0].id)
    page = services.people.list(page=2, page_size=3, order="name")
    assert (page.total, page.pages, len(page.items)) == (6, 2, 3)
    assert services.people.count() == 6
    names = [p.full_name for p in services.people.list(1, 10, "-name").items]
    assert names == sorted(names, reverse=True)
    with services.store.reader() as r:
        assert r.scalar(select(func.count()).select_from(Person)) == 7  # a tombstone, not a delete
