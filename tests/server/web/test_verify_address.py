"""The certificate QR in its address form (certificates.qr): a phone opens the server's page, and
the same QR still verifies offline, in the app and with `fieldapp verify` (no server, no browser)."""

from __future__ import annotations

import datetime as dt

import segno
import zxingcpp

from fieldapp import cli
from fieldapp.certificates.decode import pdf_page_images
from fieldapp.certificates.qr import payload_from_text, qr_text
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput

PAYLOAD = "FA1.ABCDEFGH234567.QRSTUVWXYZ"


def test_the_address_keeps_the_qr_in_alphanumeric_mode():
    text = qr_text(PAYLOAD, "https://verify.amana.gov.sa:8443/")
    assert text == f"HTTPS://VERIFY.AMANA.GOV.SA:8443/V/{PAYLOAD}"
    assert segno.make_qr(text).mode == "alphanumeric"
    assert qr_text(PAYLOAD, "") == PAYLOAD  # no address set: the payload alone, as before
    # a path behind a reverse proxy is case-sensitive: kept as typed
    assert qr_text(PAYLOAD, "https://amana.gov.sa/fieldapp") == f"HTTPS://AMANA.GOV.SA/fieldapp/V/{PAYLOAD}"


def test_the_payload_comes_back_out_of_any_spelling_of_the_address():
    for text in (
        f"HTTPS://VERIFY.AMANA.GOV.SA/V/{PAYLOAD}",
        f"https://verify.amana.gov.sa/v/{PAYLOAD}",
        f"  http://10.0.0.5:8765/fieldapp/V/{PAYLOAD}\n",
        PAYLOAD,
    ):
        assert payload_from_text(text) == PAYLOAD
    assert payload_from_text("https://example.com/page") == "https://example.com/page"


def test_a_certificate_printed_with_the_address_still_verifies_offline(services, store, tmp_path, capsys):
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    event = services.events.create(
        EventInput("يوم التشجير", now - dt.timedelta(hours=3), now + dt.timedelta(hours=1))
    )
    person = services.people.create(PersonInput("عبدالله بن خميس الزايدي", mobile="0501234567"))
    services.attendance.scan(
        event.id, person.id, method="manual", direction="in", at=now - dt.timedelta(hours=2)
    )
    services.attendance.scan(
        event.id, person.id, method="manual", direction="out", at=now - dt.timedelta(hours=1)
    )
    issued = services.certificates.issue(event.id, [person.id])
    services.settings.set("certificates.verify_address", "https://verify.example.sa")
    pdf = services.certificates.render([issued[0].id], tmp_path / "cert.pdf").files[0]

    (raw,) = [code.text for img in pdf_page_images(pdf) for code in zxingcpp.read_barcodes(img)]
    assert raw.startswith("HTTPS://VERIFY.EXAMPLE.SA/V/FA1.")
    assert services.certificates.verify(raw).status == "genuine"  # typed or scanned into the app
    assert services.certificates.verify(pdf).status == "genuine"  # the PDF itself

    data_dir = str(store.path.parent)
    store.close()
    assert cli.main(["--data-dir", data_dir, "--lang", "en", "verify", raw]) == 0
    assert "Genuine certificate" in capsys.readouterr().out


def test_the_address_is_set_from_the_command_line(tmp_path, capsys, cli_user):
    cli_user(tmp_path / "laptop")  # changing a setting needs a signed-in administrator
    data = ["--data-dir", str(tmp_path / "laptop"), "--lang", "en"]
    assert cli.main([*data, "settings", "certificates.verify_address", "https://verify.example.sa"]) == 0
    assert "saved" in capsys.readouterr().out
    assert cli.main([*data, "settings", "certificates.verify_address", "--json"]) == 0
    assert '"https://verify.example.sa"' in capsys.readouterr().out
    assert cli.main([*data, "settings", "no.such.key", "1"]) == 2
    assert "no setting named no.such.key" in capsys.readouterr().err
    # the address is checked where every change goes through (services.settings), so here too
    assert cli.main([*data, "settings", "certificates.verify_address", "verify.example.sa"]) == 2
    assert "starting with https://" in capsys.readouterr().err
    assert cli.main([*data, "settings", "certificates.verify_address", "--json"]) == 0
    assert '"https://verify.example.sa"' in capsys.readouterr().out  # the old one kept


def test_only_an_http_address_is_kept_as_the_verification_address(services):
    from fieldapp.core.errors import ValidationError

    services.settings.set("certificates.verify_address", "  https://verify.example.sa:8443/fieldapp/ ")
    assert services.settings.get("certificates.verify_address") == "https://verify.example.sa:8443/fieldapp"
    for wrong in (
        "verify.example.sa",
        "ftp://verify.example.sa",
        "https://",
        "https://a b.sa",
        "https://x.sa/?q=1",
    ):
        try:
            services.settings.set("certificates.verify_address", wrong)
        except ValidationError as exc:
            assert exc.key == "settings.verify_address_invalid" and wrong.strip() in exc.message("en")
        else:
            raise AssertionError(f"{wrong!r} was accepted")
    assert services.settings.get("certificates.verify_address") == "https://verify.example.sa:8443/fieldapp"
    services.settings.set("certificates.verify_address", "")  # cleared: the QR holds the code alone
    assert services.settings.get("certificates.verify_address") == ""
