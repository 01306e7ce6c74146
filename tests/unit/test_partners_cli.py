"""The partner and hours commands on a real data directory: report partner, report hours (PDF, XLSX,
JSON), certificates --hours; a bad date or file type is a plain message and exit code 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fieldapp.cli import main
from fieldapp.config import DataDir
from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.bodies import AgreementInput, BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store


@pytest.fixture
def data(tmp_path, cli_user):
    folder = DataDir(tmp_path / "data")
    cli_user(folder.root)  # reports and certificates act as a signed-in user
    store = Store.open(folder.database, folder.backups)
    svc = Services(store, Actor("sara", "admin"))
    body = svc.bodies.create(BodyInput("health", "التجمع الصحي بالطائف"))
    svc.bodies.add_agreement(
        body.id, AgreementInput("مبادرات صحية", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    )
    person = svc.people.create(
        PersonInput(full_name="عبدالله بن خميس الزايدي", national_id="1000000008", gender="m")
    )
    day = dt.date(2025, 4, 6)
    start = dt.datetime.combine(day, dt.time(9), dates.APP_TZ)
    event = svc.events.create(
        EventInput("حملة التبرع بالدم", start, start + dt.timedelta(hours=4), body_id=body.id)
    )
    svc.attendance.scan(event.id, person.id, method="manual", direction="in", at=start)
    svc.attendance.scan(
        event.id, person.id, method="manual", direction="out", at=start + dt.timedelta(hours=3)
    )
    store.close()
    return folder.root, body.id, person.id


def test_report_partner_and_hours(data, tmp_path, capsys):
    root, body_id, _person = data
    out = tmp_path / "partner.pdf"
    assert main(["--data-dir", str(root), "report", "partner", "--body", body_id, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    args = ["--data-dir", str(root), "report", "hours", "--from", "2025-01-01", "--to", "2025-12-31"]
    assert main([*args, "--out", str(tmp_path / "h.xlsx")]) == 0 and (tmp_path / "h.xlsx").exists()
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total_hours"] == 3.0 and report["rows"][0]["national_id"] == "1000000008"
    assert main(["--data-dir", str(root), "report", "hours", "--hijri-year", "1446", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_events"] == 1  # 2025-04-06 is in 1446 AH


def test_hours_certificate_command(data, tmp_path, capsys):
    root, _body, person_id = data
    args = ["--data-dir", str(root), "certificates", "--hours", "--person", person_id]
    assert main([*args, "--from", "2025-01-01", "--to", "2025-06-30", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.name.split(".")[0] in printed
    assert main(["--data-dir", str(root), "verify", str(pdf), "--name", "عبدالله بن خميس الزايدي"]) == 0


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["report", "hours", "--from", "2025-13-01", "--to", "2025-12-31"], "YYYY-MM-DD"),
        (["report", "hours", "--from", "2025-02-01", "--to", "2025-01-01"], "starts"),
        (["report", "hours", "--year", "2025", "--out", "x.docx"], ".pdf or .xlsx"),
        (["certificates", "--out", "x"], "--event"),
    ],
)
def test_bad_input_is_a_plain_message(data, capsys, extra, said):
    root, _body, _person = data
    assert main(["--data-dir", str(root), "--lang", "en", *extra]) == 2
    assert said in capsys.readouterr().err
