"""The demo organisation: realistic, complete, and an event running now for the desk to open on."""

from __future__ import annotations

import pytest

from fieldapp.cli import main
from fieldapp.core.errors import ValidationError
from fieldapp.demo import DEMO_ACCOUNTS, DEMO_ACTOR, build_demo, ensure_empty
from fieldapp.services import Services


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from fieldapp.store.db import Store

    store = Store.open(tmp_path_factory.mktemp("demo") / "fieldapp.db")
    ids = build_demo(store, DEMO_ACTOR)
    yield Services(store, None), ids
    store.close()


def test_demo_has_an_event_running_now_with_people_checked_in(demo):
    svc, ids = demo
    running = svc.events.running_now()
    assert running is not None and running.id == ids["today"]
    counts = svc.attendance.counts(running.id)
    assert counts.in_now > 10 and counts.registered == 180


def test_demo_finished_event_has_attendance_and_flags(demo):
    svc, ids = demo
    attendance = svc.attendance.event_attendance(ids["national_day"])
    attended = [row for row in attendance.rows if row.hours > 0]
    assert len(attended) == 228
    assert sum("auto_closed" in row.flags for row in attendance.rows) >= 9
    assert svc.people.count() == 305
    certificates = svc.certificates.list(ids["national_day"])
    assert len(certificates) == 150 and sum(c.voided for c in certificates) == 1


def test_demo_gifts_visits_and_accounts(demo):
    svc, _ = demo
    summary = {g.name: g for g in svc.gifts.stock_summary()}
    assert summary["كرتون تمر سكري"].low  # a low-stock mark to show on the dashboard
    visits = svc.visits.list()
    assert {v.status for v in visits} == {"done", "missed", "cancelled", "in_progress", "planned"}
    assert any(v.has_clash for v in visits)
    for account in DEMO_ACCOUNTS:
        assert svc.users.sign_in(account["username"], account["password"]).role == account["role"]


def test_demo_refuses_a_data_dir_with_data(demo, tmp_path, capsys):
    svc, _ = demo
    with pytest.raises(ValidationError):
        ensure_empty(svc.store)
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert main(["--data-dir", str(data), "demo"]) == 2
    assert "--force" in capsys.readouterr().err
