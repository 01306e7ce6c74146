"""The certificates service under the write contract: every write is a `@write` with an actor, says
what changed, and each use case (issue and print) is one unit of work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from fieldapp.core.errors import ContractError
from fieldapp.services import Changed, Services
from fieldapp.services.certificates import BatchResult, IssuedBatch, PersonCertificate, Rendered
from fieldapp.services.contract import is_write
from fieldapp.store.models import Certificate, SerialCounter, SigningKey
from tests.unit.test_certificates_service import Scenario, build

WRITES = (
    "issue",
    "render",
    "issue_and_render",
    "issue_and_render_for_person",
    "void",
    "save_template",
    "set_branding_image",
)


@pytest.fixture
def scenario(services: Services) -> Scenario:
    return build(services)


def _count(services: Services, model) -> int:
    with services.store.reader() as r:
        return r.scalar(select(func.count()).select_from(model))


def test_every_certificate_write_is_marked_and_needs_an_actor(services: Services, scenario: Scenario) -> None:
    certs = services.certificates
    assert all(is_write(getattr(certs, name)) for name in WRITES)
    assert not any(is_write(getattr(certs, name)) for name in ("eligible", "list", "print_log", "verify"))
    nobody = services.as_user(None).certificates
    with pytest.raises(ContractError):
        nobody.issue(scenario.event_id, [scenario.full])
    (cert,) = certs.issue(scenario.event_id, [scenario.full])
    with pytest.raises(ContractError):
        nobody.void(cert.id, "wrong name")
    with pytest.raises(ContractError):
        nobody.save_template("attendance-ar", None)
    assert nobody.list(scenario.event_id)[0].serial == cert.serial  # reads need no actor


def test_each_write_says_what_changed(services: Services, scenario: Scenario, tmp_path: Path) -> None:
    certs = services.certificates
    first = certs.issue(scenario.event_id, [scenario.full])
    assert isinstance(first, IssuedBatch) and first.changed == Changed.of("certificates")
    again = certs.issue(scenario.event_id, [scenario.full])
    assert again.changed == Changed() and [c.id for c in again] == [c.id for c in first]
    rendered = certs.render([first[0].id], tmp_path / "one.pdf")
    assert isinstance(rendered, Rendered) and rendered.changed == Changed.of("certificates")
    assert certs.void(first[0].id, "wrong name").changed == Changed.of("certificates")
    assert certs.save_template("attendance-ar", {"title": "شهادة مشاركة"}).changed == Changed.of("settings")


def test_batch_is_one_unit_and_a_cancel_keeps_the_issue(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    people = [scenario.full, scenario.short, scenario.voided]
    seen: list[int] = []
    result = services.certificates.issue_and_render(
        scenario.event_id,
        people,
        tmp_path / "each",
        min_hours=1,
        per_person=True,
        progress=lambda done, _total: seen.append(done),
        cancel=lambda: len(seen) >= 1,
    )
    assert isinstance(result, BatchResult) and result.cancelled and result.files == ()
    assert seen == [1] and not list((tmp_path / "each").glob("*.pdf"))
    assert result.changed == Changed.of("certificates") and len(result.issued) == 3
    assert len(services.certificates.list(scenario.event_id)) == 3  # issued: same serials next time
    assert services.certificates.print_log() == []

    done = services.certificates.issue_and_render(
        scenario.event_id, people, tmp_path / "all.pdf", min_hours=1
    )
    assert not done.cancelled and done.files == (tmp_path / "all.pdf",)
    assert {c.serial for c in done.issued} == {c.serial for c in result.issued} and done.issued.new_count == 0
    assert [r.kind for r in services.certificates.print_log(event_id=scenario.event_id)] == ["pdf"] * 3


def test_desk_print_fails_at_the_last_step_and_leaves_nothing(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    certs = services.certificates
    not_a_folder = tmp_path / "taken"
    not_a_folder.write_text("a file where the print folder should be")
    with pytest.raises(OSError):
        certs.issue_and_render_for_person(scenario.event_id, scenario.full, not_a_folder, kind="print")
    assert certs.list(scenario.event_id) == [] and certs.print_log() == []
    assert (
        _count(services, Certificate) == _count(services, SerialCounter) == _count(services, SigningKey) == 0
    )

    result = certs.issue_and_render_for_person(
        scenario.event_id, scenario.full, tmp_path / "desk", kind="print", printer="HP"
    )
    assert isinstance(result, PersonCertificate) and result.new and result.path.exists()
    assert result.serial.endswith("-00001")  # the failed attempt used no serial
    assert [(r.certificate_id, r.kind, r.printer) for r in certs.print_log()] == [
        (result.certificate_id, "print", "HP")
    ]
    again = certs.issue_and_render_for_person(
        scenario.event_id, scenario.full, tmp_path / "desk", kind="print"
    )
    assert not again.new and again.certificate_id == result.certificate_id
    assert [r.kind for r in certs.print_log(result.certificate_id)] == ["print", "reprint"]


def test_branding_image_is_copied_beside_the_data(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "usb" / "Logo.PNG"
    source.parent.mkdir()
    Image.new("RGB", (40, 40), (14, 92, 70)).save(source, format="PNG")
    done = services.certificates.set_branding_image("certificates.logo", source, tmp_path / "branding")
    assert done.changed == Changed.of("settings")
    copy = Path(done.value)
    assert copy.parent == tmp_path / "branding" and copy.suffix == ".png" and copy.exists()
    assert services.settings.get("certificates.logo") == str(copy)
    source.unlink()  # the stick is gone: the copy stays
    assert services.certificates._branding()["logo_path"] == copy
    cleared = services.certificates.set_branding_image("certificates.logo", None, tmp_path / "branding")
    assert cleared.value == "" and services.settings.get("certificates.logo") == ""
