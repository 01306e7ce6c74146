"""Pure stock rules: the ledger sum, hand-over warnings, low stock, running balance."""

from __future__ import annotations

from fieldapp.core import stock
from fieldapp.core.stock import LedgerEntry, check_handover


def codes(warnings):
    return [w.code for w in warnings]


def test_stock_is_the_sum_of_non_voided_movements():
    entries = [
        LedgerEntry("receipt", 50),
        LedgerEntry("adjustment", -3),
        LedgerEntry("handover", 10),
        LedgerEntry("handover", 5, voided=True),  # given back
        LedgerEntry("receipt", 100, voided=True),  # a mistaken receipt
    ]
    assert stock.stock_of(entries) == 37
    assert stock.stock_of([]) == 0


def test_nothing_to_say_for_a_plain_hand_over():
    assert check_handover(10, 1, None, 0) == []
    assert check_handover(10, 10, 10, 0) == []  # exactly the stock, exactly the limit


def test_overdrawn_is_a_warning_with_the_figures():
    [w] = check_handover(2, 5, None, 0)
    assert w.code == "overdrawn" and (w.stock, w.quantity) == (2, 5)
    assert "5" in w.message("en") and "2" in w.message("en")
    assert "المخزون" in w.message("ar")


def test_over_limit_counts_what_was_already_received():
    assert codes(check_handover(100, 2, 1, 0)) == ["over_limit"]
    assert codes(check_handover(100, 1, 2, 1)) == ["repeat"]
    ws = check_handover(100, 1, 1, 1)
    assert codes(ws) == ["over_limit", "repeat"]
    assert "1" in ws[0].message("en") and "becomes 2" in ws[0].message("en")


def test_repeat_without_a_limit():
    assert codes(check_handover(100, 1, None, 3)) == ["repeat"]


def test_all_three_and_their_stored_flag_order():
    ws = check_handover(0, 2, 1, 1)
    assert codes(ws) == ["overdrawn", "over_limit", "repeat"]
    assert stock.flags_text(reversed(ws)) == "overdrawn,over_limit,repeat"
    assert stock.parse_flags("overdrawn,repeat") == ("overdrawn", "repeat")
    assert stock.parse_flags("") == ()


def test_low_stock():
    assert stock.is_low(5, 5) and stock.is_low(4, 5)
    assert not stock.is_low(6, 5)
    assert stock.is_low(0, 0) and stock.is_low(-2, 0)
    assert not stock.is_low(1, 0)


def test_running_balance_keeps_each_past_balance():
    lines = stock.running_balance([("receipt", 10), ("handover", -4), ("void", 4), ("adjustment", -1)])
    assert [line.balance for line in lines] == [10, 6, 10, 9]


def test_the_brief_name_warning_is_the_same_class():
    assert stock.Warning is stock.StockWarning
