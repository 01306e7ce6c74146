"""Words for hand-over flags (shared by the gift and visit screens)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def flag_label(code: str) -> str:
    """The words for a hand-over flag (stored as a code on the fact)."""
    labels = {
        "overdrawn": QCoreApplication.translate("GiftFlags", "تجاوز المخزون"),
        "over_limit": QCoreApplication.translate("GiftFlags", "فوق الحد"),
        "repeat": QCoreApplication.translate("GiftFlags", "استلام مكرر"),
    }
    return labels.get(code, code)
