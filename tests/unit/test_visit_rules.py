"""Pure visit rules: double-booked team members and the status machine."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.core import visits as rules
from fieldapp.core.errors import ValidationError
from fieldapp.core.visits import VisitSlot

T0 = dt.datetime(2025, 10, 5, 6, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def slot(vid, start_h, end_h, members, status="planned", deleted=False):
    return VisitSlot(vid, T0 + start_h * H, T0 + end_h * H, status, frozenset(members), deleted)


def test_a_member_on_two_overlapping_visits_clashes():
    new = slot(None, 1, 3, {"ali", "huda"})
    others = [slot("v1", 2, 4, {"ali", "omar"}), slot("v2", 5, 6, {"huda"})]
    [clash] = rules.find_clashes(new, others)
    assert (clash.person_id, clash.other_visit_id) == ("ali", "v1")
    assert clash.other_start == T0 + 2 * H and clash.other_end == T0 + 4 * H


def test_touching_visits_do_not_clash():
    assert rules.find_clashes(slot(None, 1, 2, {"ali"}), [slot("v1", 2, 3, {"ali"})]) == []


def test_cancelled_missed_and_tombstoned_visits_do_not_hold_time():
    others = [
        slot("c", 1, 3, {"ali"}, status="cancelled"),
        slot("m", 1, 3, {"ali"}, status="missed"),
        slot("d", 1, 3, {"ali"}, deleted=True),
    ]
    assert rules.find_clashes(slot(None, 1, 3, {"ali"}), others) == []
    # ...and a cancelled visit itself shows no clashes
    assert rules.find_clashes(slot("x", 1, 3, {"ali"}, status="cancelled"), [slot("v", 1, 3, {"ali"})]) == []


def test_a_visit_does_not_clash_with_itself_and_done_visits_count():
    v = slot("v1", 1, 3, {"ali"})
    assert rules.find_clashes(v, [v]) == []
    assert len(rules.find_clashes(v, [slot("v2", 0, 2, {"ali"}, status="done")])) == 1


def test_all_clashes_is_symmetric():
    a, b, c = slot("a", 1, 3, {"ali"}), slot("b", 2, 4, {"ali"}), slot("c", 2, 4, {"omar"})
    result = rules.all_clashes([a, b, c])
    assert [x.other_visit_id for x in result["a"]] == ["b"]
    assert [x.other_visit_id for x in result["b"]] == ["a"]
    assert result["c"] == []


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("planned", "in_progress"),
        ("planned", "cancelled"),
        ("planned", "missed"),
        ("in_progress", "done"),
    ],
)
def test_allowed_transitions(current, target):
    assert rules.transition_refusal(current, target) is None
    rules.ensure_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target", "key"),
    [
        ("planned", "done", "visit.transition.not_started"),
        ("in_progress", "cancelled", "visit.transition.already_started"),
        ("in_progress", "missed", "visit.transition.already_started"),
        ("in_progress", "planned", "visit.transition.already_started"),
        ("done", "in_progress", "visit.transition.final"),
        ("cancelled", "in_progress", "visit.transition.final"),
        ("missed", "done", "visit.transition.final"),
        ("done", "done", "visit.transition.same"),
    ],
)
def test_refused_transitions_say_why(current, target, key):
    assert rules.transition_refusal(current, target) == key
    with pytest.raises(ValidationError) as err:
        rules.ensure_transition(current, target)
    assert err.value.key == key and err.value.field == "status"
    assert err.value.message("en")  # rendered without a missing parameter
    assert err.value.message("ar")


def test_status_labels_are_bilingual():
    assert rules.status_label("missed", "ar") == "فائتة"
    assert rules.status_label("in_progress", "en") == "In progress"
