"""The main window: navigation, the stack of screens, the status bar and the lock. It wires, nothing more."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from fieldapp.core.errors import FieldAppError
from fieldapp.core.permissions import ROLE_NAMES, allowed
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import Screen, default_title
from fieldapp.gui.screens_registry import ScreenFactory, screen_factories
from fieldapp.gui.sync import SyncController, SyncStatusLabel
from fieldapp.gui.widgets.inputs import directed, embed

START_SCREEN = "desk"


class _Screens(dict):
    """The screens built so far; `screens[key]` builds one on first use (`.get` never builds).

    Building every screen at start-up cost ~0.8 s of the cold start; a coordinator opens the desk.
    """

    def __init__(self, build) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> Screen:
        screen = self[key] = self._build(key)
        return screen


class MainWindow(QMainWindow):
    lock_requested = Signal()
    screen_changed = Signal(str)  # key

    def __init__(self, ctx: GuiContext, factories: Sequence[tuple[str, ScreenFactory]] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.resize(1366, 768)
        self._factories = dict(factories if factories is not None else screen_factories())
        self._keys: list[str] = list(self._factories)
        self.screens: dict[str, Screen] = _Screens(self._build_screen)

        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(230)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget(objectName="screens")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)  # first in the layout: on the right in RTL, on the left in LTR
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for key in self._keys:
            self.stack.addWidget(QWidget())  # stands in until the screen is first opened
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._row_changed)

        self._build_toolbar()
        #: background sync (issue 9): its line in the status bar, its page in Settings
        self.sync = SyncController(ctx, self)
        self._build_status_bar()
        self._shortcuts: list[QShortcut] = []
        for index in range(min(9, len(self._keys))):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda i=index: self.show_screen(self._keys[i]))
            self._shortcuts.append(shortcut)

        ctx.current_event_changed.connect(self._load_event)
        ctx.language_changed.connect(self.retranslate)
        ctx.user_changed.connect(lambda _user: self._apply_user())
        ctx.message.connect(self.show_message)
        self.sync.view_changed.connect(lambda _view: self._show_review_badge())
        self.sync.user_disabled.connect(self.lock_requested)  # the login then says why
        self._apply_user()
        self.retranslate()
        self.sync.start()

    # -- building -----------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(objectName="mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.app_title = QLabel(objectName="appTitle")
        self.app_title.setProperty("role", "subheading")
        self.toolbar.addWidget(self.app_title)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.toolbar.addAction(self.lock_action)
        self.addAction(self.lock_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.message_label = QLabel(objectName="statusMessage")
        self.event_label = QLabel(objectName="statusEvent")
        self.user_label = QLabel(objectName="statusUser")
        self.sync_status_label = SyncStatusLabel(self.ctx, self.sync)
        self.sync_status_label.review_requested.connect(lambda: self.show_screen("review"))
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.event_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.sync_status_label)
        self._message_timer = QTimer(self, singleShot=True, interval=8000)
        self._message_timer.timeout.connect(self.message_label.clear)

    def _build_screen(self, key: str) -> Screen:
        if key not in self._factories:
            raise KeyError(key)
        screen = self._factories[key](self.ctx)
        index = self._keys.index(key)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, screen)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        if hasattr(screen, "attach_sync"):  # Settings: the Central server page
            screen.attach_sync(self.sync)
        if hasattr(screen, "print_certificate_requested"):
            # Print a volunteer's certificate right after check-out, from the desk.
            screen.print_certificate_requested.connect(self._print_certificate)
        return screen

    def _print_certificate(self, event_id: str, person_id: str) -> None:
        if "certificates" in self._factories:
            certificates = self.screens["certificates"]
            if hasattr(certificates, "print_for_person"):
                certificates.print_for_person(event_id, person_id)

    # -- navigation ---------------------------------------------------------------------------
    def show_screen(self, key: str) -> bool:
        """Show a screen by key; False when it does not exist or the user's role may not open it."""
        if key not in self._factories or not self._may_open(self.screens[key]):
            return False
        row = self._keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # -> _row_changed
        else:
            self._row_changed(row)
        return True

    def screen_keys(self) -> list[str]:
        """Every screen of the navigation, in order (built or not yet)."""
        return list(self._keys)

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def current_screen(self) -> Screen | None:
        key = self.current_key()
        return self.screens.get(key) if key else None

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._keys):
            return
        screen = self.screens[self._keys[row]]
        if not self._may_open(screen):
            return
        self.stack.setCurrentWidget(screen)
        screen.enter()
        self.screen_changed.emit(self._keys[row])

    def _may_open(self, screen: Screen) -> bool:
        action = screen.required_action
        return action is None or (self.ctx.user is not None and allowed(self.ctx.user.role, action))

    def open_start_screen(self) -> None:
        """The check-in desk of the chosen event, else of the event running now, focus in the scan field."""
        if self.ctx.current_event_id is None:
            self.ctx.runner.db(
                self.ctx.services.events.running_now,
                on_done=lambda event: self.ctx.set_current_event(event.id if event else None),
            )
        else:
            self._load_event(self.ctx.current_event_id)
        if not self.show_screen(START_SCREEN) and self._keys:
            self.show_screen(self._keys[0])

    # -- status bar ---------------------------------------------------------------------------
    def _load_event(self, event_id: str | None) -> None:
        if event_id is None:
            self._show_event(None)
            return
        self.ctx.runner.db(
            self.ctx.services.events.get,
            event_id,
            on_done=self._show_event,
            on_error=lambda _exc: self._show_event(None),
        )

    def _show_event(self, event) -> None:
        self._event = event
        if event is None:
            self.event_label.setText(self.tr("لا فعالية جارية الآن"))
            self.event_label.setToolTip("")
            return
        line = f"{embed(event.title)} — {self.ctx.fmt_time_range(event.starts_at, event.ends_at)}"
        self.event_label.setText(directed(line, self.ctx.is_rtl()))
        self.event_label.setToolTip(event.place)

    def _apply_user(self) -> None:
        user = self.ctx.user
        if user is None:
            self.user_label.setText("")
        else:
            role = ROLE_NAMES.get(user.role, (user.role, user.role))[0 if self.ctx.lang == "ar" else 1]
            self.user_label.setText(f"{user.display_name} ({role})")
        for row, key in enumerate(self._keys):
            item = self.nav.item(row)
            flags = item.flags()
            screen = self.screens.get(key)  # a screen not built yet is checked when it is opened
            if screen is None or self._may_open(screen):
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)

    def show_message(self, text: str, level: str = "info") -> None:
        self.message_label.setProperty("level", level)  # coloured by the theme
        theme.repolish(self.message_label)
        self.message_label.setText(text)
        self._message_timer.start()

    def show_error(self, exc: BaseException) -> None:
        text = exc.message(self.ctx.lang) if isinstance(exc, FieldAppError) else str(exc)
        self.show_message(text, "error")

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("ميدان — تنسيق العمل الميداني"))
        self.app_title.setText(self.tr("ميدان"))
        self.lock_action.setText(self.tr("قفل"))
        self.lock_action.setToolTip(self.tr("قفل البرنامج والعودة إلى شاشة الدخول (Ctrl+L)"))
        self.nav.setAccessibleName(self.tr("التنقل بين الشاشات"))
        for row, key in enumerate(self._keys):
            screen = self.screens.get(key)
            title = screen.title() if screen is not None else default_title(key)
            item = self.nav.item(row)
            item.setText(title)
            if screen is not None:
                item.setIcon(screen.icon())
                screen.retranslate()
            item.setToolTip(f"{title} (Ctrl+{row + 1})" if row < 9 else title)
        self._apply_user()
        self._show_event(getattr(self, "_event", None))
        self._show_review_badge()

    def _show_review_badge(self) -> None:
        """The review screen's navigation item says how many items wait (supervisors and admins)."""
        if "review" not in self._factories:
            return
        item = self.nav.item(self._keys.index("review"))
        review = self.sync.view.review
        waiting = review.total if review is not None and self.ctx.can("sync.review") else 0
        screen = self.screens.get("review")
        title = screen.title() if screen is not None else default_title("review")
        item.setText(f"{title} ({self.ctx.fmt_number(waiting)})" if waiting else title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())

    def closeEvent(self, event) -> None:
        self.sync.stop()  # no round starts for a closed window
        super().closeEvent(event)
