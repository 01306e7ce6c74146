"""The Qt binding itself: a release that miscounts references to None/True/False aborts the app.

PySide6 6.12.0 under Python 3.11 dropped one reference to None on every call of a method that
returns nothing (its abi3 wheel assumes immortal objects, which only 3.12+ has): after enough
clicks and repaints CPython frees None and the process aborts ("none_dealloc"). pyproject.toml
keeps PySide6 below 6.12; this test is what a newer release must pass before the bound is lifted.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are immortal from 3.12 on")
def test_calls_into_qt_keep_the_reference_counts_of_none_and_the_booleans(gui_app):
    label, box = QLabel("ميدان"), QCheckBox()
    calls = 500
    gc.collect()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(calls):
        label.setText(str(i))  # returns nothing: the binding hands back None
        label.update()
        box.setChecked(i % 2 == 0)  # takes a bool
        box.isChecked()  # returns a bool
    gc.collect()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    drift = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(d) < calls // 10 for d in drift), f"reference counts drifted by {drift} over {calls} calls"
