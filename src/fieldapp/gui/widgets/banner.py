"""The big result panel of the desk: green ok, amber warning, red refused, readable across a table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fieldapp.gui import theme

STATUSES = ("idle", "ok", "warning", "refused")


class StatusBanner(QFrame):
    """`show_status("ok", "تم تسجيل الحضور", "عبدالله بن خميس الزايدي", "08:15 · بطاقة 1042")`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBanner")
        self.setProperty("status", "idle")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(6)
        self.title_label = QLabel(objectName="bannerTitle")
        self.subtitle_label = QLabel(objectName="bannerSubtitle")
        self.detail_label = QLabel(objectName="bannerDetail")
        for label in (self.title_label, self.subtitle_label, self.detail_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.clear()

    @property
    def status(self) -> str:
        return str(self.property("status"))

    def show_status(self, status: str, title: str, subtitle: str = "", detail: str = "") -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown banner status {status!r}")
        self.setProperty("status", status)
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.setAccessibleName(" — ".join(t for t in (title, subtitle, detail) if t))
        theme.repolish(self)
        for label in (self.title_label, self.subtitle_label, self.detail_label):
            theme.repolish(label)

    def clear(self, title: str = "") -> None:
        self.show_status("idle", title)
