"""CertificatesService end to end: real store, real scans, real PDFs, QR read back from pages."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from fieldapp.certificates import decode, keys
from fieldapp.cli import main
from fieldapp.core import i18n
from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.core.identifiers import national_id_checksum_ok
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Certificate, Organisation, SigningKey
from fieldapp.store.unit_of_work import APPLYING_REMOTE, row_payload

RIYADH = dt.timezone(dt.timedelta(hours=3))
DAY = dt.date(2025, 3, 30)  # 1 Shawwal 1446 in Umm al-Qura
SERIAL_RE = re.compile(r"^TAIF-(\d{4})-([2-9A-HJ-NP-Z]{4})-(\d{5})$")


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=RIYADH)


@dataclass
class Scenario:
    event_id: str
    full: str  # 08:05-13:40: 5.5 h, eligible
    short: str  # 09:00-10:00: 1 h, under the 2 h minimum
    absent: str  # registered, never came
    voided: str  # 4 h, then a check-in voided: 1 h left


_ids = iter(range(10_000, 100_000))


def _national_id() -> str:
    """A fresh national ID with a valid check digit (people need an ID or a mobile)."""
    stem = f"1{next(_ids):08d}"
    return next(stem + d for d in "0123456789" if national_id_checksum_ok(stem + d))


def _person(services: Services, name: str, nid: str | None = None) -> str:
    return services.people.create(PersonInput(full_name=name, national_id=nid or _national_id())).id


def build(services: Services, org: bool = True) -> Scenario:
    if org:
        with services.store.session("sara") as s:
            s.add(Organisation(name="أمانة محافظة الطائف", name_en="Taif Municipality", short_code="TAIF"))
    event = services.events.create(
        EventInput(
            title="ملتقى التطوع البلدي",
            starts_at=at(8),
            ends_at=at(14),
            place="حديقة الملك عبدالله بالملز",
            min_certificate_hours=2,
        )
    )
    scan = services.attendance.scan
    full = _person(services, "عبدالله بن خميس الزايدي", "1000000008")
    scan(event.id, full, method="manual", direction="in", at=at(8, 5))
    scan(event.id, full, method="manual", direction="out", at=at(13, 40))
    short = _person(services, "مُحَمَّد عَلِيّ")
    scan(event.id, short, method="manual", direction="in", at=at(9))
    scan(event.id, short, method="manual", direction="out", at=at(10))
    absent = _person(services, "نورة القحطاني")
    services.events.register(event.id, absent)
    voided = _person(services, "إلـــهام الشمري")
    scan(event.id, voided, method="manual", direction="in", at=at(8))
    scan(event.id, voided, method="manual", direction="out", at=at(9))
    second_in = scan(event.id, voided, method="manual", direction="in", at=at(10))
    scan(event.id, voided, method="manual", direction="out", at=at(13))
    assert services.attendance.person_attendance(event.id, voided).hours == 4
    services.attendance.void(second_in.scan_id, "wrong person scanned")
    return Scenario(event.id, full, short, absent, voided)


@pytest.fixture
def scenario(services: Services) -> Scenario:
    return build(services)


@pytest.fixture
def english():
    yield
    i18n.set_language(None)


def _png(pdf: Path, out_dir: Path, dpi: int = 150) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.fail("pdftoppm not found: install poppler-utils")
    prefix = out_dir / f"{pdf.stem}-page"
    subprocess.run(
        [exe, "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
    return prefix.with_suffix(".png")


def _second_laptop(tmp_path: Path) -> Services:
    store = Store.open(tmp_path / "laptop-b" / "fieldapp.db")
    return Services(store, Actor("huda", "admin"))


def _copy_signing_keys(source: Store, target: Store) -> None:
    """What sync does: apply the other laptop's SigningKey rows as they are."""
    with source.reader() as r:
        rows = [row_payload(k) for k in r.query(SigningKey).all()]
    with target.session("sync") as s:
        s.info[APPLYING_REMOTE] = True
        for row in rows:
            s.add(SigningKey(**row))


# --- eligibility ------------------------------------------------------------------------------


def test_eligibility_attended_minimum_hours_and_voided_scans(services: Services, scenario: Scenario) -> None:
    rows = {row.person_id: row for row in services.certificates.eligible(scenario.event_id)}
    assert rows[scenario.full].eligible and rows[scenario.full].hours == 5.5
    assert not rows[scenario.short].eligible
    assert rows[scenario.short].reason == "certificate.reason.below_minimum"
    assert rows[scenario.short].reason_text("en") == "1 hour is below the certificate minimum of 2 hours"
    assert rows[scenario.absent].reason == "certificate.reason.not_attended"
    # The voided check-in took its 3 hours with it.
    assert rows[scenario.voided].hours == 1 and not rows[scenario.voided].eligible
    # A lower minimum for this run makes the 1-hour people eligible; the absent never are.
    lowered = {row.person_id: row for row in services.certificates.eligible(scenario.event_id, min_hours=1)}
    assert lowered[scenario.short].eligible and lowered[scenario.voided].eligible
    assert not lowered[scenario.absent].eligible


def test_still_checked_in_is_not_eligible_yet(services: Services) -> None:
    now = dt.datetime.now(dt.UTC)
    event = services.events.create(
        EventInput(
            title="فعالية جارية", starts_at=now - dt.timedelta(hours=3), ends_at=now + dt.timedelta(hours=3)
        )
    )
    person = _person(services, "سعد العتيبي")
    services.attendance.scan(
        event.id, person, method="manual", direction="in", at=now - dt.timedelta(hours=2)
    )
    (row,) = services.certificates.eligible(event.id)
    assert row.reason == "certificate.reason.still_in"
    with pytest.raises(ValidationError) as err:
        services.certificates.issue(event.id, [person])
    assert "check them out first" in err.value.message("en")


def test_issue_refuses_an_ineligible_person_and_writes_nothing(
    services: Services, scenario: Scenario
) -> None:
    with pytest.raises(ValidationError) as err:
        services.certificates.issue(scenario.event_id, [scenario.full, scenario.short])
    assert "مُحَمَّد عَلِيّ" in err.value.message("en")
    assert services.certificates.list(scenario.event_id) == []


# --- issuing, serials, reprints ---------------------------------------------------------------


def test_issue_twice_keeps_the_serial(services: Services, scenario: Scenario) -> None:
    (first,) = services.certificates.issue(scenario.event_id, [scenario.full], "attendance-ar")
    assert first.new and first.hours == 5.5
    match = SERIAL_RE.match(first.serial)
    assert match, first.serial
    assert match.group(2) == services.store.device_code and match.group(3) == "00001"
    (again,) = services.certificates.issue(scenario.event_id, [scenario.full], "appreciation-ar")
    assert not again.new
    assert (again.id, again.serial, again.template_key) == (first.id, first.serial, "attendance-ar")
    assert len(services.certificates.list(scenario.event_id)) == 1


def test_reprint_keeps_the_serial_and_is_logged(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    first = services.certificates.render([cert.id], tmp_path / "a.pdf", kind="print", printer="HP LaserJet")
    second = services.certificates.render([cert.id], tmp_path / "b.pdf", kind="print", printer="HP LaserJet")
    log = services.certificates.print_log(cert.id)
    assert [row.kind for row in log] == ["print", "reprint"]
    services.certificates.render([cert.id], tmp_path / "c.pdf", kind="pdf")
    services.certificates.render([cert.id], tmp_path / "d.pdf", kind="print", printer="HP LaserJet")
    assert [row.kind for row in services.certificates.print_log(cert.id)][-2:] == ["pdf", "reprint"]
    log = log[:2]
    assert {row.serial for row in log} == {cert.serial} and log[0].printer == "HP LaserJet"
    texts = [decode.payloads_from_image_file(_png(p[0], tmp_path)) for p in (first, second)]
    assert texts[0] == texts[1]  # the same signed QR on the reprint
    (view,) = services.certificates.list(scenario.event_id)
    assert view.prints == 4 and view.serial == cert.serial


def test_serials_of_two_laptops_never_collide(services: Services, scenario: Scenario, tmp_path: Path) -> None:
    other = _second_laptop(tmp_path)
    try:
        other_event = build(other)
        serials: list[str] = []
        for laptop, sc in ((services, scenario), (other, other_event)):
            min_one = [sc.full, sc.short, sc.voided]
            issued = list(laptop.certificates.issue(sc.event_id, min_one, min_hours=1))
            # More people on a second event: the per-device sequence keeps counting.
            event = laptop.events.create(EventInput(title="يوم التشجير", starts_at=at(15), ends_at=at(20)))
            people = [_person(laptop, f"متطوع {i}") for i in range(6)]
            for pid in people:
                laptop.attendance.scan(event.id, pid, method="manual", direction="in", at=at(15))
                laptop.attendance.scan(event.id, pid, method="manual", direction="out", at=at(19))
            issued += laptop.certificates.issue(event.id, people)
            numbers = [int(SERIAL_RE.match(c.serial).group(3)) for c in issued]
            assert numbers == list(range(1, 10))
            serials += [c.serial for c in issued]
        assert services.store.device_code != other.store.device_code
        assert len(serials) == len(set(serials)) == 18
    finally:
        other.store.close()


def test_sequence_never_goes_below_an_issued_serial(services: Services, scenario: Scenario) -> None:
    """A database restored from an older backup has an older counter; serials still move on."""
    (first,) = services.certificates.issue(scenario.event_id, [scenario.full])
    year = int(SERIAL_RE.match(first.serial).group(1))
    from fieldapp.store.models import SerialCounter

    with services.store.session("sara") as s:
        s.get(SerialCounter, year).last = 0
    (second,) = services.certificates.issue(scenario.event_id, [scenario.voided], min_hours=1)
    assert second.serial.endswith("-00002")


# --- keys ----------------------------------------------------------------------------------


def test_signing_key_file_is_private_and_public_half_is_a_fact(
    services: Services, scenario: Scenario
) -> None:
    services.certificates.issue(scenario.event_id, [scenario.full])
    path = keys.key_dir(services.store) / keys.ENCRYPTED_KEY_FILE_NAME  # no credential store in tests
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = keys.load_or_create(services.store)
    with services.store.reader() as r:
        known = keys.known_keys(r)
        assert r.query(SigningKey).count() == 1  # loading again adds nothing
        (cert_key_id,) = r.scalars(select(Certificate.key_id)).all()
    assert known == {key.key_id: key.public_raw} and cert_key_id == key.key_id
    assert b"PRIVATE KEY" not in services.store.path.read_bytes()


# --- verification -----------------------------------------------------------------------------


def test_qr_on_a_rendered_page_verifies_here_unknown_elsewhere_until_synced(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    (pdf,) = services.certificates.render([cert.id], tmp_path / "out", per_person=True)
    png = _png(pdf, tmp_path)

    here = services.certificates.verify(str(png), name="عبدالله بن خميس الزايدي")
    assert here.status == "genuine" and here.ok
    assert (here.serial, here.hours, here.name_matches) == (cert.serial, 5.5, True)
    assert here.event_title == "ملتقى التطوع البلدي" and here.event_date == DAY
    assert here.issue_date == dt.datetime.now(RIYADH).date()
    assert services.certificates.verify(pdf).status == "genuine"  # the PDF path (rasterised in-process)
    wrong_name = services.certificates.verify(str(png), name="نورة القحطاني")
    assert wrong_name.status == "genuine" and wrong_name.name_matches is False and not wrong_name.ok

    other = _second_laptop(tmp_path)
    try:
        unknown = other.certificates.verify(str(png))
        assert unknown.status == "unknown_key" and unknown.key_id == cert.key_id
        assert cert.key_id in unknown.message("en")
        _copy_signing_keys(services.store, other.store)
        there = other.certificates.verify(pdf)
        assert there.status == "genuine" and there.serial == cert.serial and there.hours == 5.5
        assert there.event_title is None  # the event itself has not synced yet
    finally:
        other.store.close()


def test_tampered_and_voided(services: Services, scenario: Scenario) -> None:
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    with services.store.reader() as r:
        payload = r.get(Certificate, cert.id).payload
    body, sig = payload[4:].split(".")
    i = len(body) // 2
    forged = f"FA1.{body[:i]}{'A' if body[i] != 'A' else 'B'}{body[i + 1 :]}.{sig}"
    assert services.certificates.verify(forged).status == "tampered"
    assert services.certificates.verify("hello").status == "malformed"

    coordinator = services.as_user(Actor("omar", "coordinator"))
    with pytest.raises(PermissionDenied):
        coordinator.certificates.void(cert.id, "wrong name")
    services.certificates.void(cert.id, "wrong name")
    outcome = services.certificates.verify(payload)
    assert outcome.status == "voided" and outcome.void_reason == "wrong name"
    assert "voided" in outcome.message("en") and "ملغاة" in outcome.message("ar")
    with pytest.raises(ValidationError):
        services.certificates.render([cert.id], "unused.pdf")
    # A voided certificate no longer counts as issued: a new one gets a new serial.
    (row,) = [r for r in services.certificates.eligible(scenario.event_id) if r.person_id == scenario.full]
    assert row.already_issued is None
    (fresh,) = services.certificates.issue(scenario.event_id, [scenario.full])
    assert fresh.new and fresh.serial != cert.serial


def test_a_name_changed_after_issue_is_not_printed_with_the_old_qr(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    services.people.update(
        scenario.full, PersonInput(full_name="عبدالرحمن بن خميس الزايدي", national_id="1000000008")
    )
    with pytest.raises(ValidationError) as err:
        services.certificates.render([cert.id], tmp_path / "x.pdf")
    assert "void it and issue a new one" in err.value.message("en")
    assert not (tmp_path / "x.pdf").exists()


def test_decode_reports_missing_file_and_page_without_qr(tmp_path: Path) -> None:
    with pytest.raises(decode.DecodeError) as err:
        decode.read_payloads(str(tmp_path / "missing.pdf"))
    assert err.value.key == "verify.file_missing"
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    with pytest.raises(decode.DecodeError) as err:
        decode.read_payloads(blank)
    assert err.value.key == "verify.no_qr"


# --- templates and preview --------------------------------------------------------------------


def test_template_edits_are_validated_and_used(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as err:
        services.certificates.save_template("attendance-ar", {"body": "تشهد {body} بأن {nmae} حضر"})
    assert "{nmae}" in err.value.message("en")
    with pytest.raises(ValidationError):
        services.certificates.save_template("attendance-ar", {"page": "Letter"})
    services.certificates.save_template("attendance-ar", {"title": "شهادة مشاركة"})
    services.settings.set("certificates.signatory_name", "م. خالد العمري")
    template = services.certificates.template("attendance-ar")
    assert template.title == "شهادة مشاركة" and template.signatory_name == "م. خالد العمري"
    assert template.body.startswith("تشهد {body}")  # the rest of the built-in text is kept
    services.certificates.save_template("attendance-ar", None)
    assert services.certificates.template("attendance-ar").title == "شهادة حضور"

    preview = services.certificates.preview_pdf("appreciation-en", tmp_path / "preview.pdf")
    # A preview is signed with a throwaway key: it can never pass as a genuine certificate.
    assert services.certificates.verify(preview).status == "unknown_key"


# --- command line -----------------------------------------------------------------------------


def test_verify_command_exit_codes_and_arabic(
    services: Services, scenario: Scenario, tmp_path, capsys, english
):
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    with services.store.reader() as r:
        payload = r.get(Certificate, cert.id).payload
    data_dir = str(services.store.path.parent)

    assert main(["--data-dir", data_dir, "--lang", "ar", "verify", payload]) == 0
    out = capsys.readouterr().out
    assert "شهادة صحيحة" in out and cert.serial in out and "1 شوال 1446" not in out  # issue date, not event
    assert main(["--data-dir", data_dir, "--lang", "en", "verify", payload, "--name", "someone else"]) == 1
    assert "does not match" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "verify", str(tmp_path / "nothing.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--data-dir", data_dir, "verify", "not a code"]) == 2
    services.certificates.void(cert.id, "duplicate")
    assert main(["--data-dir", data_dir, "verify", payload]) == 1
    assert "Voided" in capsys.readouterr().out


def test_certificates_command_end_to_end(
    services: Services, scenario: Scenario, tmp_path, capsys, english, cli_user
):
    from pypdf import PdfReader

    data_dir = str(services.store.path.parent)
    cli_user(data_dir, "coordinator")
    out_dir = tmp_path / "pdfs"
    args = ["--data-dir", data_dir, "--lang", "en", "certificates", "--event", scenario.event_id]
    assert main([*args, "--out", str(out_dir)]) == 0
    captured = capsys.readouterr()
    assert "1 new certificates, 0 issued before" in captured.out and "3 not eligible" in captured.out
    assert "Rendering 1/1" in captured.err
    (pdf,) = out_dir.glob("*.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    embedded, missing = set(), set()
    for page in reader.pages:
        for xobj in [page, *[x.get_object() for x in (page["/Resources"].get("/XObject") or {}).values()]]:
            for font in ((xobj.get("/Resources") or {}).get("/Font") or {}).values():
                font = font.get_object()
                desc = font.get("/FontDescriptor")
                name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
                (embedded if desc is not None and "/FontFile2" in desc.get_object() else missing).add(name)
    assert {"Amiri-Bold", "IBMPlexSansArabic-Regular"} <= embedded, embedded
    assert not missing, missing
    assert services.certificates.verify(pdf).status == "genuine"

    # Again with a lower minimum, one file per person: the earlier certificate keeps its serial.
    assert main([*args, "--out", str(out_dir / "each"), "--per-person", "--min-hours", "1"]) == 0
    assert "2 new certificates, 1 issued before" in capsys.readouterr().out
    assert len(list((out_dir / "each").glob("*.pdf"))) == 3
    kinds = sorted(row.kind for row in services.certificates.print_log())
    assert kinds == ["pdf", "pdf", "pdf", "pdf"]  # exports are logged as such; "reprint" is for paper

    assert main([*args, "--out", str(out_dir), "--template", "nope"]) == 2
    assert "There is no certificate template 'nope'" in capsys.readouterr().err
    assert (
        main(["--data-dir", data_dir, "certificates", "--event", "no-such-event", "--out", str(out_dir)]) == 2
    )
    assert "There is no event with id no-such-event" in capsys.readouterr().err


def test_default_organisation_and_code_when_none_is_set_up(services: Services, tmp_path: Path) -> None:
    sc = build(services, org=False)
    (cert,) = services.certificates.issue(sc.event_id, [sc.full])
    assert cert.serial.startswith("FA-")
    (pdf,) = services.certificates.render([cert.id], tmp_path)
    assert pdf.parent == tmp_path and pdf.suffix == ".pdf"


def test_both_pdf_rasterisers_read_the_qr(services: Services, scenario: Scenario, tmp_path: Path) -> None:
    """pypdfium2 in-process, or poppler's pdftoppm where pypdfium2 is not installed."""
    (cert,) = services.certificates.issue(scenario.event_id, [scenario.full])
    (pdf,) = services.certificates.render([cert.id], tmp_path / "one.pdf")
    for rasterise in (decode._pdf_pages_pdfium, decode._pdf_pages_pdftoppm):
        images = rasterise(pdf, decode.PDF_DPI)
        assert images is not None, rasterise.__name__
        (text,) = decode.payloads_from_image(next(images))
        assert services.certificates.verify(text).serial == cert.serial


def test_logo_and_signature_from_the_settings_are_drawn_once_per_file(
    services: Services, scenario: Scenario, tmp_path: Path
) -> None:
    from PIL import Image
    from pypdf import PdfReader

    logo, signature = tmp_path / "logo.png", tmp_path / "signature.png"
    Image.new("RGB", (120, 120), (14, 92, 70)).save(logo)
    Image.new("RGB", (300, 80), (22, 40, 92)).save(signature)
    services.settings.set("certificates.logo", str(logo))
    services.settings.set("certificates.signature", str(signature))
    issued = services.certificates.issue(scenario.event_id, [scenario.full, scenario.short], min_hours=1)
    assert len(issued) == 2
    (pdf,) = services.certificates.render([c.id for c in issued], tmp_path / "out.pdf")
    raw = pdf.read_bytes()
    assert raw.count(b"/Subtype /Image") == 2  # each image stored once, however many pages
    assert len(PdfReader(pdf).pages) == len(issued)
    logo.unlink()  # a logo file that disappeared: the certificate still prints, without it
    services.certificates.render([c.id for c in issued], tmp_path / "again.pdf", kind="reprint")
