"""The check-in desk on a real store: scans, undo/void, close-all, derived attendance, the CLI."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from sqlalchemy import select

from fieldapp import cli
from fieldapp.core import i18n
from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Outbox, Scan, Void

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def luhn_id(n: int) -> str:
    body = f"1{n:08d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def make_event(services: Services, **kw) -> str:
    data = {
        "title": "اليوم الوطني 95",
        "starts_at": NOW - dt.timedelta(hours=1),
        "ends_at": NOW + dt.timedelta(hours=5),
    }
    return services.events.create(EventInput(**{**data, **kw})).id


def make_person(services: Services, n: int, **kw) -> str:
    data = {
        "full_name": f"متطوع {n}",
        "national_id": luhn_id(n),
        "mobile": f"05{n % 10}{n:07d}",
        "badge_code": f"V{n:04d}",
    }
    return services.people.create(PersonInput(**{**data, **kw})).id


@pytest.fixture
def desk(services):
    """An event running now, two registered volunteers, and a coordinator's and supervisor's view."""
    event_id = make_event(services)
    p1 = make_person(services, 1)
    p2 = make_person(services, 2)
    services.events.register(event_id, p1)
    services.events.register(event_id, p2)
    return {
        "event": event_id,
        "p1": p1,
        "p2": p2,
        "ali": services.as_user(Actor("ali", "coordinator")),
        "huda": services.as_user(Actor("huda", "coordinator")),
        "sup": services.as_user(Actor("omar", "supervisor")),
    }


def test_scan_by_badge_national_id_and_mobile_in_any_form(services, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    r = att.scan(ev, " v0001 ", at=NOW)
    assert (r.status, r.direction, r.person.id) == ("ok", "in", desk["p1"])
    assert r.scan_id and r.changed.topics == {"scans"}
    assert r.message == "Checked in: متطوع 1"
    # National ID typed in Arabic-Indic digits checks the same person out.
    arabic_digits = luhn_id(1).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    r = att.scan(ev, arabic_digits, at=NOW + dt.timedelta(minutes=45))
    assert (r.status, r.direction, r.person.id) == ("ok", "out", desk["p1"])
    assert r.hours_so_far == 0.75
    for i, form in enumerate(["+966 52 000 0002", "966520000002", "0520000002"]):
        r = att.scan(ev, form, at=NOW + dt.timedelta(minutes=10 * i))
        assert r.person.id == desk["p2"] and r.status == "ok", form
    assert [(r.direction, r.person_id) for r in att.recent_scans(ev, 2)] == [
        ("out", desk["p1"]),
        ("in", desk["p2"]),
    ]


def test_unknown_code_is_not_found_and_writes_nothing(store, desk):
    r = desk["ali"].attendance.scan(desk["event"], "NOBODY-99")
    assert r.status == "not_found" and r.scan_id is None and not r.accepted
    assert "No one found" in r.message and "NOBODY-99" in r.message
    assert "لم يُعثر على أحد بهذا الرمز" in r.text("ar")
    with store.reader() as rd:
        assert rd.scalars(select(Scan)).all() == []


def test_unknown_event_is_an_error(desk):
    with pytest.raises(NotFoundError):
        desk["ali"].attendance.scan("no-such-event", "V0001")


def test_repeat_inside_the_interval_is_refused_with_the_wait(store, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    att.scan(ev, "V0001", at=NOW)
    r = att.scan(ev, "V0001", at=NOW + dt.timedelta(seconds=30))
    assert r.status == "refused" and r.reason_key == "attendance.too_soon" and r.scan_id is None
    assert "wait 2 min" in r.message
    assert "انتظر دقيقتين قبل المسح التالي" in r.text("ar")
    with store.reader() as rd:
        assert len(rd.scalars(select(Scan)).all()) == 1


def test_warnings_walk_in_and_minor_without_consent(services, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    walk_in = make_person(services, 3)
    r = att.scan(ev, "V0003", at=NOW)
    assert r.status == "warning" and r.warnings == ("attendance.walk_in",) and r.accepted
    minor_birth = (NOW - dt.timedelta(days=365 * 12)).date().isoformat()
    make_person(services, 4, birth_date=minor_birth, guardian_consent=False)
    services.events.register(ev, services.search.resolve_code("V0004").id)
    r = att.scan(ev, "V0004", at=NOW)
    assert r.status == "warning" and r.warnings == ("attendance.needs_consent",)
    assert "under 18" in r.message
    make_person(services, 5, birth_date=minor_birth, guardian_consent=True)
    services.events.register(ev, services.search.resolve_code("V0005").id)
    assert att.scan(ev, "V0005", at=NOW).status == "ok"
    report = att.event_attendance(ev)
    assert report.walk_ins == 1 and {r.person_id for r in report.rows if not r.registered} == {walk_in}


def test_second_checkin_is_kept_but_not_doubled(store, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    att.scan(ev, "V0001", at=NOW)
    r = att.scan(ev, "V0001", direction="in", at=NOW + dt.timedelta(minutes=5))
    assert r.status == "warning" and r.reason_key == "attendance.already_in" and r.scan_id
    att.scan(ev, "V0001", at=NOW + dt.timedelta(minutes=60))
    row = next(r for r in att.event_attendance(ev).rows if r.person_id == desk["p1"])
    assert row.hours == 1.0 and "duplicate_checkin" in row.flags


def test_reentry_refused_when_the_event_forbids_it(services, desk):
    ev = make_event(services, allow_reentry=False)
    att = desk["ali"].attendance
    att.scan(ev, "V0001", at=NOW)
    att.scan(ev, "V0001", at=NOW + dt.timedelta(minutes=30))
    r = att.scan(ev, "V0001", at=NOW + dt.timedelta(minutes=40))
    assert r.status == "refused" and r.reason_key == "attendance.no_reentry"
    assert "لا يُسمح بالعودة بعد تسجيل الخروج في هذه الفعالية" in r.text("ar")


def test_scans_far_outside_the_event_are_refused(services, desk):
    past = make_event(
        services, starts_at=NOW - dt.timedelta(days=2), ends_at=NOW - dt.timedelta(days=2, hours=-4)
    )
    r = desk["ali"].attendance.scan(past, "V0001")
    assert r.status == "refused" and r.reason_key == "attendance.ended"
    future = make_event(services, starts_at=NOW + dt.timedelta(hours=5), ends_at=NOW + dt.timedelta(hours=9))
    r = desk["ali"].attendance.scan(future, "V0001")
    assert r.status == "refused" and r.reason_key == "attendance.not_started"


def test_undo_by_the_same_coordinator_within_the_window(store, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    r = att.scan(ev, "V0001")
    undone = att.undo(r.scan_id)
    assert undone.scan_id == r.scan_id and undone.changed.topics == {"scans"}
    with store.reader() as rd:
        void = rd.scalars(select(Void)).one()
        assert (void.target_table, void.target_id, void.user_name, void.reason) == (
            "scan",
            r.scan_id,
            "ali",
            "undo",
        )
    row = next(r for r in att.event_attendance(ev).rows if r.person_id == desk["p1"])
    assert row.state == "absent"
    # The voided scan does not hold back a fresh scan, and cannot be undone twice.
    assert att.scan(ev, "V0001").status == "ok"
    with pytest.raises(ValidationError):
        att.undo(r.scan_id)


def test_undo_refused_after_the_window_and_for_another_coordinator(desk):
    ev = desk["event"]
    r = desk["ali"].attendance.scan(ev, "V0001")
    with pytest.raises(PermissionDenied) as late:
        desk["ali"].attendance.undo(r.scan_id, at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=150))
    assert "120-second undo window" in late.value.message("en")
    with pytest.raises(PermissionDenied) as other:
        desk["huda"].attendance.undo(r.scan_id)
    assert "ali" in other.value.message("en")
    # A supervisor may undo any scan, any time.
    assert desk["sup"].attendance.undo(r.scan_id, at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).scan_id


def test_undo_window_comes_from_the_setting(services, desk):
    services.settings.set("desk.undo_seconds", 10)
    r = desk["ali"].attendance.scan(desk["event"], "V0001")
    with pytest.raises(PermissionDenied):
        desk["ali"].attendance.undo(r.scan_id, at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30))


def test_void_needs_a_supervisor_and_a_reason(desk):
    ev = desk["event"]
    r = desk["ali"].attendance.scan(ev, "V0001")
    with pytest.raises(PermissionDenied):
        desk["ali"].attendance.void(r.scan_id, "wrong person")
    with pytest.raises(ValidationError):
        desk["sup"].attendance.void(r.scan_id, "  ")
    v = desk["sup"].attendance.void(r.scan_id, "wrong person")
    assert v.person_id == desk["p1"]
    assert desk["sup"].attendance.counts(ev).attended == 0
    with pytest.raises(NotFoundError):
        desk["sup"].attendance.void("no-such-scan", "x")


def test_check_out_everyone_in_one_go(store, services, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    p3 = make_person(services, 3)
    att.scan(ev, "V0001", at=NOW)
    att.scan(ev, "V0002", at=NOW)
    att.scan(ev, "V0003", at=NOW)
    att.scan(ev, "V0003", at=NOW + dt.timedelta(minutes=30))  # already out
    assert att.counts(ev, at=NOW + dt.timedelta(minutes=31)).in_now == 2
    result = att.check_out_everyone(ev, at=NOW + dt.timedelta(hours=2))
    closed = result.value  # a Done: the count, and what changed
    assert closed == 2
    assert att.check_out_everyone(ev, at=NOW + dt.timedelta(hours=2)).value == 0
    assert result.changed.topics == {"scans"}
    report = att.event_attendance(ev, at=NOW + dt.timedelta(hours=2, minutes=1))
    assert report.in_now == 0 and report.attended == 3
    assert report.total_hours == 2 + 2 + 0.5
    by_id = {r.person_id: r for r in report.rows}
    assert by_id[desk["p1"]].last_out == NOW + dt.timedelta(hours=2) and by_id[p3].hours == 0.5
    with store.reader() as rd:
        closing = rd.scalars(select(Scan).where(Scan.method == "close_all")).all()
        assert len(closing) == 2 and {s.direction for s in closing} == {"out"}
        queued = set(rd.scalars(select(Outbox.row_id).where(Outbox.table_name == "scan")))
        assert {s.id for s in closing} <= queued


def test_event_attendance_rows_and_totals(services, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    att.scan(ev, "V0001", at=NOW - dt.timedelta(minutes=50))
    att.scan(ev, "V0001", at=NOW + dt.timedelta(minutes=50))  # 1 h 40 -> 1.5 h (15-min steps)
    att.scan(ev, "V0002", at=NOW)
    report = att.event_attendance(ev, at=NOW + dt.timedelta(hours=1))
    assert (report.registered, report.attended, report.in_now, report.walk_ins) == (2, 2, 1, 0)
    rows = {r.person_id: r for r in report.rows}
    assert rows[desk["p1"]].hours == 1.5 and rows[desk["p1"]].state == "out"
    assert rows[desk["p1"]].national_id == luhn_id(1) and rows[desk["p1"]].full_name == "متطوع 1"
    assert rows[desk["p2"]].state == "in" and rows[desk["p2"]].hours == 1.0
    assert report.total_hours == 2.5
    # After the event, the forgotten check-out is closed at the end and flagged.
    after = att.event_attendance(ev, at=NOW + dt.timedelta(hours=6))
    row = next(r for r in after.rows if r.person_id == desk["p2"])
    assert row.state == "out" and row.flags == ("auto_closed",) and row.hours == 5.0
    # Dashboard helpers agree.
    inside = att.in_now(ev, at=NOW + dt.timedelta(hours=1))
    assert [(p.person_id, p.since) for p in inside] == [(desk["p2"], NOW)]
    counts = att.counts(ev, at=NOW + dt.timedelta(hours=1))
    assert (counts.in_now, counts.attended, counts.registered) == (1, 2, 2)
    series = att.arrivals_per_quarter_hour(ev)
    assert sum(n for _, n in series) == 2
    assert all((b - a) == dt.timedelta(minutes=15) for (a, _), (b, _) in itertools.pairwise(series))


def test_every_accepted_scan_has_its_outbox_entry(store, desk):
    att, ev = desk["ali"].attendance, desk["event"]
    ids = [att.scan(ev, code, at=NOW).scan_id for code in ("V0001", "V0002")]
    with store.reader() as rd:
        ops = rd.scalars(select(Outbox).where(Outbox.table_name == "scan")).all()
        assert sorted(o.row_id for o in ops) == sorted(ids)
        assert all(o.payload["user_name"] == "ali" for o in ops)


# --- the CLI ----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, cli_user):
    store = Store.open(tmp_path / "fieldapp.db")
    services = Services(store, Actor("sara", "admin"))
    event_id = make_event(services)
    services.events.register(event_id, make_person(services, 1))
    store.close()
    cli_user(tmp_path, "coordinator")
    yield tmp_path, event_id
    i18n.set_language(None)


def test_cli_scan_exit_codes(data_dir, capsys):
    root, ev = data_dir
    assert cli.main(["--data-dir", str(root), "--lang", "en", "scan", "V0001", "--event", ev]) == 0
    assert "Checked in: متطوع 1" in capsys.readouterr().out
    assert cli.main(["--data-dir", str(root), "--lang", "en", "scan", "V0001", "--event", ev]) == 2
    assert "wait" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(root), "--lang", "ar", "scan", "XX", "--event", ev]) == 2
    assert "لم يُعثر على أحد بهذا الرمز" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(root), "--lang", "en", "scan", "V0001", "--event", "nope"]) == 2
    assert "no event with id nope" in capsys.readouterr().err


def test_cli_acts_as_the_signed_in_user_that_the_audit_trail_records(data_dir, capsys):
    from fieldapp.store.db import Store
    from fieldapp.store.models import AuditEntry, Scan

    root, ev = data_dir
    assert cli.main(["--data-dir", str(root), "scan", "V0001", "--event", ev]) == 0
    store = Store.open(root / "fieldapp.db")
    try:
        with store.reader() as session:
            (scan,) = session.query(Scan).all()
            audit = session.query(AuditEntry).filter_by(table_name="scan", row_id=scan.id).one()
            recorded = {scan.user_name, audit.user_name}
            sign_in = session.query(AuditEntry).filter_by(action="user.sign_in", user_name="cli_user").one()
            via = sign_in.detail
    finally:
        store.close()
    assert recorded == {"CLI coordinator"}  # the user's display name, as the app records it
    assert via == "cli"


def test_cli_attendance_table_and_json(data_dir, capsys):
    root, ev = data_dir
    cli.main(["--data-dir", str(root), "scan", "V0001", "--event", ev, "--json"])
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
    assert cli.main(["--data-dir", str(root), "--lang", "en", "attendance", "--event", ev]) == 0
    out = capsys.readouterr().out
    assert "متطوع 1" in out and "In now: 1" in out
    assert cli.main(["--data-dir", str(root), "attendance", "--event", ev, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["attended"] == 1 and data["totals"]["registered"] == 1
    (person,) = data["people"]
    assert person["state"] == "in" and person["first_in"] and person["flags"] == []


def test_desk_summary_counts_who_is_in_with_hours_and_recent_scans(services):
    import datetime as dt

    from fieldapp.core import dates
    from fieldapp.services.events import EventInput
    from fieldapp.services.people import PersonInput

    start = dates.now() - dt.timedelta(hours=3)
    event = services.events.create(EventInput("حملة النظافة", start, start + dt.timedelta(hours=6)))
    a = services.people.create(PersonInput("سعد الغامدي", national_id="1000000008"))
    b = services.people.create(PersonInput("ريم الشهري", mobile="0501234567"))
    services.attendance.scan(event.id, a.id, direction="in", at=start)
    services.attendance.scan(event.id, b.id, direction="in", at=start + dt.timedelta(minutes=30))
    services.attendance.scan(event.id, b.id, direction="out", at=start + dt.timedelta(hours=1))
    summary = services.attendance.desk_summary(event.id, recent=2)
    assert (summary.counts.in_now, summary.counts.attended) == (1, 2)
    [inside] = summary.in_now
    assert inside.full_name == "سعد الغامدي" and inside.hours == 3.0
    assert [r.full_name for r in summary.recent] == ["ريم الشهري", "ريم الشهري"]
    assert summary.counts == services.attendance.counts(event.id, at=summary.as_of)
