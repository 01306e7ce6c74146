"""The sync state in the status bar (one line, coloured by how much it matters) and its details
popup (organisation, server, this laptop's code, last sync, waiting, set aside, last error, and
"Sync now")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.core import i18n
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.sync.controller import SyncController, SyncView
from fieldapp.gui.sync.texts import details, status_line
from fieldapp.gui.widgets.inputs import directed

i18n.register(
    {
        "gui.sync.details_title": ("المزامنة مع خادم الجهة", "Sync with the organisation's server"),
        "gui.sync.sync_now": ("زامن الآن", "Sync now"),
        "gui.sync.open_review": ("افتح المراجعة", "Open review"),
        "gui.sync.close": ("إغلاق", "Close"),
        "gui.sync.click_for_details": ("انقر لعرض التفاصيل", "Click for details"),
    }
)


class SyncStatusLabel(QLabel):
    """The status bar's sync line; a click (or Enter/Space when focused) opens the details."""

    clicked = Signal()
    review_requested = Signal()  # "Open review" in the details: the main window shows the screen

    def __init__(self, ctx: GuiContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.setObjectName("statusSync")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.popup: SyncDetails | None = None
        controller.view_changed.connect(self.show_view)
        ctx.language_changed.connect(lambda _lang: self.show_view(controller.view))
        ctx.digits_changed.connect(lambda _digits: self.show_view(controller.view))
        self.clicked.connect(self.open_details)
        self.show_view(controller.view)

    def show_view(self, view: SyncView) -> None:
        text, level = status_line(self.ctx, view)
        self.setText(directed(text, self.ctx.is_rtl()))
        self.setAccessibleName(text)
        self.setToolTip(i18n.msg("gui.sync.click_for_details", self.ctx.lang))
        theme.set_state(self, "tone", None if level == "muted" else level)
        self.setProperty("role", "muted" if level == "muted" else None)
        if self.popup is not None and self.popup.isVisible():
            self.popup.show_view(view)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def open_details(self) -> SyncDetails:
        if self.popup is None:
            self.popup = SyncDetails(self.ctx, self.controller, self.window())
            self.popup.review_requested.connect(self.review_requested)
        self.popup.show_view(self.controller.view)
        self.popup.adjustSize()
        corner = self.mapToGlobal(QPoint(0, 0))
        x = corner.x() if self.ctx.is_rtl() else corner.x() + self.width() - self.popup.width()
        self.popup.move(x, corner.y() - self.popup.height() - 6)
        self.popup.show()
        self.popup.sync_button.setFocus()
        return self.popup


class SyncDetails(QFrame):
    """The details popup: every line of where sync stands, and the two things one can do."""

    review_requested = Signal()

    def __init__(self, ctx: GuiContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.ctx = ctx
        self.controller = controller
        self.setObjectName("syncDetails")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.title = QLabel(objectName="syncDetailsTitle")
        self.title.setProperty("role", "subheading")
        self.lines = QLabel(objectName="syncDetailsLines", wordWrap=True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton(objectName="syncNowButton")
        self.sync_button.setProperty("kind", "primary")
        self.review_button = QPushButton(objectName="openReviewButton")
        self.close_button = QPushButton(objectName="closeSyncDetails")
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.sync_button.clicked.connect(controller.sync_now)
        self.review_button.clicked.connect(self._open_review)
        self.close_button.clicked.connect(self.hide)

    def _open_review(self) -> None:
        self.hide()
        self.review_requested.emit()

    def show_view(self, view: SyncView) -> None:
        lang = self.ctx.lang
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if self.ctx.is_rtl() else Qt.LayoutDirection.LeftToRight
        )
        self.title.setText(i18n.msg("gui.sync.details_title", lang))
        self.lines.setText("\n".join(directed(line, self.ctx.is_rtl()) for line in details(self.ctx, view)))
        enrolled = view.status is not None and view.status.enrolled
        self.sync_button.setText(i18n.msg("gui.sync.sync_now", lang))
        self.sync_button.setEnabled(enrolled and view.state != "syncing")
        self.review_button.setText(i18n.msg("gui.sync.open_review", lang))
        self.review_button.setVisible(bool(view.review and view.review.total) and self.ctx.can("sync.review"))
        self.close_button.setText(i18n.msg("gui.sync.close", lang))
