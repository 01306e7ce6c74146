"""Bodies and agreements on a real store: cleaning, phones, forgiving search, agreement dates."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.text import fold
from fieldapp.services.bodies import AgreementInput, BodyInput, normalize_phone
from fieldapp.store.models import Body, Outbox


@pytest.fixture
def bodies(services):
    return services.bodies


def test_create_cleans_the_name_and_keys_it_for_search(bodies, store):
    view = bodies.create(BodyInput("أمنية", "  سجن\u200f الحائر\u00a0 العام ", contact_phone="٠٥٠ ١٢٣ ٤٥٦٧"))
    assert view.name == "سجن الحائر العام"
    assert view.type == "security" and view.type_label_ar == "أمنية"
    assert view.type_label("en") == "Security"
    assert view.contact_phone == "+966501234567"
    assert view.changed is not None and "bodies" in view.changed.topics
    with store.reader() as r:
        row = r.get(Body, view.id)
        assert row.name_key.startswith(fold("سجن الحائر العام"))  # fold(name) first, then variants
        assert r.query(Outbox).filter_by(table_name="body", row_id=view.id).count() == 1
    assert bodies.get(view.id) == view


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0127654321", "0127654321"),
        ("012 765 4321", "0127654321"),
        ("+966 12 765 4321", "0127654321"),
        ("00966127654321", "0127654321"),
        ("800 124 4444", "8001244444"),
        ("966501234567", "+966501234567"),
        ("", None),
        (None, None),
    ],
)
def test_phone_is_forgiving(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["123", "call Ahmed", "05012345678901234"])
def test_a_phone_that_is_no_number_is_refused_with_what_is_expected(typed):
    with pytest.raises(ValidationError) as err:
        normalize_phone(typed)
    assert err.value.field == "contact_phone" and "7 to 15 digits" in err.value.message("en")


def test_type_must_be_known_and_name_not_empty(bodies):
    with pytest.raises(ValidationError) as err:
        bodies.create(BodyInput("ministry", "وزارة"))
    assert err.value.field == "type" and "government" in err.value.message("en")
    with pytest.raises(ValidationError) as err:
        bodies.create(BodyInput("health", " \u200f "))
    assert err.value.field == "name"


def test_update_and_list_by_type(bodies):
    prison = bodies.create(BodyInput("security", "سجن الحائر"))
    clinic = bodies.create(BodyInput("health", "مركز غسيل الكلى"))
    updated = bodies.update(clinic.id, BodyInput("صحية", "مركز الأمير سلمان لغسيل الكلى", city="الرياض"))
    assert updated.city == "الرياض" and updated.name.startswith("مركز الأمير")
    assert [b.id for b in bodies.list()] == [prison.id, clinic.id]  # alphabetical: سجن < مركز
    assert [b.id for b in bodies.list("health")] == [clinic.id]
    with pytest.raises(NotFoundError):
        bodies.get("nope")


@pytest.mark.parametrize(
    "query",
    ["مستشفي الملك عبد الله", "مستشفى الملك عبدالله", "مستشفى", "ملك", "عبدالل", "KING ABDULLAH", "ألملك"],
)
def test_search_is_forgiving(bodies, query):
    hospital = bodies.create(
        BodyInput(
            "health", "مستشفى الملك عبدالله", name_en="King Abdullah Hospital", contact_phone="0114567890"
        )
    )
    bodies.create(BodyInput("security", "سجن الملز"))
    assert [b.id for b in bodies.search(query)] == [hospital.id]


def test_search_by_phone_and_nothing_for_a_stranger(bodies):
    hospital = bodies.create(BodyInput("health", "مستشفى الملك عبدالله", contact_phone="011 456 7890"))
    prison = bodies.create(BodyInput("security", "سجن الحائر", contact_phone="0501234567"))
    assert [b.id for b in bodies.search("4567890")] == [hospital.id]
    assert [b.id for b in bodies.search("+966 50 123 4567")] == [prison.id]
    assert bodies.search("مدرسة") == []
    assert len(bodies.search("")) == 2


def test_agreements_dates_and_status(bodies):
    body = bodies.create(BodyInput("charity", "جمعية البر"))
    a = bodies.add_agreement(
        body.id, AgreementInput("مذكرة تفاهم", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    )
    assert a.status == "active" and a.body_id == body.id
    old = bodies.add_agreement(
        body.id, AgreementInput("اتفاقية قديمة", dt.date(2020, 1, 1), dt.date(2020, 12, 31), status="سارية")
    )
    assert old.status == "active" and old.effective_status == "expired"
    assert old.status_label("ar") == "منتهية"
    with pytest.raises(ValidationError) as err:
        bodies.add_agreement(body.id, AgreementInput("x", dt.date(2025, 2, 1), dt.date(2025, 1, 31)))
    assert err.value.field == "end_date" and "on or after" in err.value.message("en")
    same_day = bodies.update_agreement(
        a.id, AgreementInput("مذكرة تفاهم", dt.date(2025, 1, 1), dt.date(2025, 1, 1), status="draft")
    )
    assert same_day.status == "draft"
    assert [x.id for x in bodies.list_agreements(body.id)] == [a.id, old.id]
    with pytest.raises(ValidationError):
        bodies.update_agreement(a.id, AgreementInput("x", status="signed"))
    with pytest.raises(NotFoundError):
        bodies.add_agreement("missing", AgreementInput("x"))


def test_body_writes_follow_the_contract(services, store):
    from fieldapp.services import Changed, Services
    from fieldapp.services.bodies import AgreementInput, BodiesService, BodyInput
    from fieldapp.services.contract import ContractError, is_write

    for name in ("create", "update", "add_agreement", "update_agreement"):
        assert is_write(getattr(BodiesService, name)), name
    nobody = Services(store, None).bodies
    with pytest.raises(ContractError):
        nobody.create(BodyInput("security", "سجن الحائر"))
    body = services.bodies.create(BodyInput("security", "سجن الحائر"))
    assert body.changed.topics == {"bodies"}
    assert nobody.get(body.id).changed == Changed()  # reads need nobody and changed nothing
    agreement = services.bodies.add_agreement(body.id, AgreementInput("اتفاقية تعاون"))
    assert agreement.changed.topics == {"bodies"}
