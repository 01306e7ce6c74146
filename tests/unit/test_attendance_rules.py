"""Check-in rules and derived attendance (pure functions, no database)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from fieldapp.core import attendance as A
from fieldapp.core.attendance import EventRules, ScanFact, compute_attendance, decide_scan

START = dt.datetime(2025, 9, 23, 6, 0, tzinfo=dt.UTC)  # 09:00 Riyadh
END = START + dt.timedelta(hours=6)
_ids = itertools.count(1)


def rules(**kw) -> EventRules:
    return EventRules(starts_at=START, ends_at=END, **kw)


def t(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def sc(
    direction: str, minutes: float, device: str = "A", voided: bool = False, id: str | None = None
) -> ScanFact:
    return ScanFact(id or f"s{next(_ids):04d}", direction, t(minutes), device, voided)


# --- hours ----------------------------------------------------------------------------------


def test_hours_are_rounded_down_to_the_step():
    att = compute_attendance(rules(rounding_min=15), [sc("in", 0), sc("out", 134)])
    assert att.minutes == 134 and att.hours == 2.0  # 2 h 14 min -> 2 h
    att = compute_attendance(rules(rounding_min=15), [sc("in", 0), sc("out", 135)])
    assert att.hours == 2.25
    assert att.state == "out" and att.first_in == t(0) and att.last_out == t(135) and att.flags == ()


def test_rounding_zero_keeps_whole_minutes():
    att = compute_attendance(rules(rounding_min=0), [sc("in", 0), sc("out", 134.9)])
    assert att.minutes == 134
    assert att.hours == pytest.approx(134 / 60)


def test_reentry_allowed_sums_intervals_and_flags_reentry():
    scans = [sc("in", 0), sc("out", 60), sc("in", 120), sc("out", 150)]
    att = compute_attendance(rules(allow_reentry=True, rounding_min=0), scans)
    assert att.minutes == 90 and att.hours == 1.5
    assert len(att.intervals) == 2
    assert att.flags == (A.REENTRY,)
    assert (att.first_in, att.last_out) == (t(0), t(150))


def test_reentry_not_allowed_counts_first_in_to_last_out():
    scans = [sc("in", 0), sc("out", 60), sc("in", 120), sc("out", 150)]
    att = compute_attendance(rules(allow_reentry=False, rounding_min=0), scans)
    assert att.minutes == 150
    assert A.REENTRY in att.flags


def test_missing_checkout_is_closed_at_event_end_and_flagged():
    att = compute_attendance(rules(), [sc("in", 30)])
    assert att.state == "out"
    assert att.last_out == END
    assert att.minutes == 330 and att.hours == 5.5
    assert att.flags == (A.AUTO_CLOSED,)
    assert att.intervals[-1].auto_closed


def test_open_checkin_before_the_end_counts_until_now_and_is_in():
    att = compute_attendance(rules(rounding_min=0), [sc("in", 30)], now=t(100))
    assert att.state == "in"
    assert att.minutes == 70
    assert att.last_out is None and att.flags == ()
    assert att.intervals[-1].open


def test_now_after_the_end_auto_closes_too():
    att = compute_attendance(rules(), [sc("in", 30)], now=END + dt.timedelta(hours=1))
    assert att.state == "out" and A.AUTO_CLOSED in att.flags and att.last_out == END


def test_checkin_after_the_end_left_open_counts_zero():
    att = compute_attendance(rules(), [sc("in", 400)])
    assert att.minutes == 0 and A.AUTO_CLOSED in att.flags


def test_two_devices_checkins_are_kept_flagged_and_not_doubled():
    scans = [sc("in", 0, "A"), sc("in", 1, "B"), sc("out", 60, "A")]
    att = compute_attendance(rules(rounding_min=0), scans)
    assert att.minutes == 60
    assert att.flags == (A.DUPLICATE_CHECKIN,)
    assert att.first_in == t(0)


def test_same_instant_on_two_devices_is_ordered_by_id_on_every_device():
    a = ScanFact("b-scan", "in", t(0), "B")
    b = ScanFact("a-scan", "in", t(0), "A")
    out = ScanFact("c-scan", "out", t(90), "A")
    results = {compute_attendance(rules(), order) for order in itertools.permutations([a, b, out])}
    assert len(results) == 1
    (att,) = results
    assert att.hours == 1.5 and A.DUPLICATE_CHECKIN in att.flags


def test_result_does_not_depend_on_arrival_order():
    rng = random.Random(7)
    scans = [sc(rng.choice(["in", "out"]), rng.uniform(-60, 400), rng.choice("ABC")) for _ in range(30)]
    first = compute_attendance(rules(), scans)
    for _ in range(20):
        rng.shuffle(scans)
        assert compute_attendance(rules(), scans) == first


def test_checkout_without_checkin_is_ignored_and_flagged():
    att = compute_attendance(rules(rounding_min=0), [sc("out", 10), sc("in", 20), sc("out", 80)])
    assert att.minutes == 60
    assert att.flags == (A.OUT_WITHOUT_IN,)
    att = compute_attendance(rules(), [sc("out", 10)])
    assert (
        att.state == "absent" and att.hours == 0 and att.first_in is None and att.flags == (A.OUT_WITHOUT_IN,)
    )


def test_second_checkout_is_ignored_and_flagged_as_duplicate():
    att = compute_attendance(rules(rounding_min=0), [sc("in", 0), sc("out", 60, "A"), sc("out", 65, "B")])
    assert att.minutes == 60 and att.last_out == t(60)
    assert att.flags == (A.DUPLICATE_CHECKOUT,)


def test_voided_scans_are_ignored():
    scans = [sc("in", 0), sc("out", 30, voided=True), sc("out", 120)]
    att = compute_attendance(rules(rounding_min=0), scans)
    assert att.minutes == 120 and att.flags == ()
    att = compute_attendance(rules(), [sc("in", 0, voided=True)])
    assert att.state == "absent" and att.hours == 0


def test_no_scans_is_absent():
    att = compute_attendance(rules(), [])
    assert att.state == "absent" and not att.attended and att.intervals == ()


def test_certificate_eligibility_uses_min_hours():
    r = rules(min_certificate_hours=2)
    assert not A.certificate_eligible(r, compute_attendance(r, [sc("in", 0), sc("out", 119)]))
    assert A.certificate_eligible(r, compute_attendance(r, [sc("in", 0), sc("out", 120)]))


# --- decisions ------------------------------------------------------------------------------


def test_direction_is_in_then_out_when_not_given():
    d = decide_scan(rules(), [], t(0))
    assert (d.status, d.direction, d.reason_key) == ("ok", "in", A.CHECKED_IN)
    d = decide_scan(rules(), [sc("in", 0)], t(30))
    assert (d.status, d.direction, d.reason_key) == ("ok", "out", A.CHECKED_OUT)
    d = decide_scan(rules(), [sc("in", 0), sc("out", 30)], t(60))
    assert (d.status, d.direction) == ("ok", "in")


def test_repeat_inside_the_minimum_interval_is_refused():
    d = decide_scan(rules(min_scan_interval_min=2), [sc("in", 0)], t(1))
    assert d.status == "refused" and d.reason_key == A.TOO_SOON
    assert d.params["minutes"] == 1 and d.params["seconds"] == 60 and d.params["last_direction"] == "in"
    assert decide_scan(rules(min_scan_interval_min=2), [sc("in", 0)], t(2)).status == "ok"
    # A voided scan does not hold the next one back (undo, then scan the right person again).
    assert decide_scan(rules(), [sc("in", 0, voided=True)], t(0.5)).status == "ok"


def test_interval_zero_never_refuses_a_repeat():
    d = decide_scan(rules(min_scan_interval_min=0), [sc("in", 0)], t(0))
    assert d.status == "ok" and d.direction == "out"


def test_reentry_refused_when_not_allowed():
    d = decide_scan(rules(allow_reentry=False), [sc("in", 0), sc("out", 30)], t(60))
    assert d.status == "refused" and d.reason_key == A.NO_REENTRY
    d = decide_scan(rules(allow_reentry=True), [sc("in", 0), sc("out", 30)], t(60))
    assert d.status == "ok"


def test_second_checkin_is_a_warning():
    d = decide_scan(rules(), [sc("in", 0)], t(10), "in")
    assert d.status == "warning" and d.direction == "in" and d.warnings == (A.ALREADY_IN,)


def test_checkout_when_not_in_is_refused():
    d = decide_scan(rules(), [], t(10), "out")
    assert d.status == "refused" and d.reason_key == A.NOT_IN


def test_minor_without_consent_and_walk_in_are_warnings():
    d = decide_scan(rules(), [], t(0), needs_consent=True, registered=False)
    assert d.status == "warning" and d.accepted
    assert d.warnings == (A.NEEDS_CONSENT, A.WALK_IN)
    # A check-out never warns about registration or consent.
    d = decide_scan(rules(), [sc("in", 0)], t(30), needs_consent=True, registered=False)
    assert d.status == "ok" and d.direction == "out"


def test_scanning_window_before_start_and_after_end():
    assert decide_scan(rules(), [], START - dt.timedelta(hours=2)).status == "ok"
    d = decide_scan(rules(), [], START - dt.timedelta(hours=2, minutes=1))
    assert d.status == "refused" and d.reason_key == A.NOT_STARTED
    assert decide_scan(rules(), [sc("in", 0)], END + dt.timedelta(hours=12)).status == "ok"
    d = decide_scan(rules(), [sc("in", 0)], END + dt.timedelta(hours=12, seconds=1))
    assert d.status == "refused" and d.reason_key == A.ENDED


def test_the_decision_uses_the_state_at_the_scan_time():
    # Another laptop's scan stamped later than `at` (its clock ahead) comes after this one.
    d = decide_scan(rules(), [sc("in", 0), sc("out", 90, "B")], t(60))
    assert (d.status, d.direction) == ("ok", "out")
    d = decide_scan(rules(), [sc("in", 0, "B")], t(-0.5))
    assert (d.status, d.direction) == ("ok", "in")
