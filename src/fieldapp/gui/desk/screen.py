"""The check-in desk: one field for the scanner and the keyboard, a result panel readable from two metres.

    scan field ──Enter──> actions.submit (DB thread): a code checks in/out at once; a typed name
               ──typing─> search (debounced) ─> results; Down/Up/Enter or a click chooses
    result ──> StatusBanner (green / amber / red + reason), a sound, «تراجع» for two minutes,
               «طباعة الشهادة» after a check-out with enough hours, then focus back in the field.

Everything that touches the database goes through ctx.runner.db; lists refresh after every scan
(coalesced: a burst of scans causes one reload, never a queue of them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.desk import actions
from fieldapp.gui.desk.sounds import ResultSounds
from fieldapp.gui.desk.walk_in import WalkInDialog
from fieldapp.gui.runner import Task
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import Column, ResultItem, ResultsList, SearchField, StatusBanner, TableModel
from fieldapp.gui.widgets.errors import user_message
from fieldapp.gui.widgets.inputs import directed, embed, ltr
from fieldapp.services import Changed
from fieldapp.services.attendance import DeskSummary, InNow, ScanResult
from fieldapp.services.events import EventView
from fieldapp.services.search import SearchHit

RECENT_ROWS = 10
DEFAULT_UNDO_SECONDS = 120
REFRESH_COALESCE_MS = 60
PUBLISH_DELAY_MS = 40


@dataclass(frozen=True)
class LogEntry:
    """A line of «آخر عمليات المسح»: accepted scans come from the database, refusals from this desk."""

    at: object  # aware datetime
    name: str
    status: str  # ok|warning|refused|voided
    text: str


class DeskScreen(Screen):
    key = "desk"
    topics = frozenset({"scans", "people", "events"})
    required_action = None

    # a check-out with enough hours: the certificate screen connects this
    print_certificate_requested = Signal(str, str)  # event_id, person_id
    # every result shown in the banner (tests and the bench wait on it)
    result_shown = Signal(object)  # ScanResult

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.event_id: str | None = None
        self._events: dict[str, EventView] = {}
        self._events_loaded = False
        self._search_task: Task | None = None
        self._submit_task: Task | None = None
        self._snapshot_task: Task | None = None
        self._refresh_again = False
        self._snapshot: DeskSummary | None = None
        self._local_log: list[LogEntry] = []  # refusals shown at this desk (not stored as facts)
        self._last_result: ScanResult | None = None
        self._pending_text = ""
        self._undo_scan_id: str | None = None
        self._undo_name = ""
        self._undo_deadline = 0.0
        self.walk_in_dialog: WalkInDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.sounds = ResultSounds(self)
        self._build()
        self._wire()
        self.retranslate()
        self._show_idle()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(12)

        # Top: the event, then the counts.
        top = QHBoxLayout()
        top.setSpacing(10)
        self.event_label = QLabel(objectName="deskEventLabel")
        self.event_label.setProperty("role", "subheading")
        self.event_combo = QComboBox(objectName="deskEventCombo")
        self.event_combo.setMinimumWidth(420)
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_label.setBuddy(self.event_combo)
        top.addWidget(self.event_label)
        top.addWidget(self.event_combo, 1)
        top.addSpacing(16)
        self.in_now_count, in_now_card = self._count_card("deskInNow")
        self.attended_count, attended_card = self._count_card("deskAttended")
        self.hours_count, hours_card = self._count_card("deskHours")
        for card in (in_now_card, attended_card, hours_card):
            top.addWidget(card)
        outer.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)

        # Main column (first: on the right in Arabic, beside the navigation).
        main = QVBoxLayout()
        main.setSpacing(8)
        self.scan_field = SearchField(self)
        self.scan_field.setObjectName("deskScanField")
        self.scan_field.setProperty("kind", "scan")
        self.scan_field.setMinimumHeight(58)
        self.hint_label = QLabel(objectName="deskHint")
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setWordWrap(True)
        self.results = ResultsList(self)
        self.results.setObjectName("deskResults")
        self.results.setMaximumHeight(250)
        self.results.setVisible(False)

        self.banner = StatusBanner(self)
        self.banner.setObjectName("statusBanner")
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.banner.setMinimumHeight(250)
        # Larger than the shared banner: this is read from two metres away.
        self.banner.setStyleSheet(
            "QLabel#bannerTitle { font-size: 30pt; }"
            "QLabel#bannerSubtitle { font-size: 34pt; }"
            "QLabel#bannerDetail { font-size: 16pt; }"
            "QLabel#bannerReason { font-size: 15pt; }"
        )
        self.reason_label = QLabel(objectName="bannerReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner_layout = self.banner.layout()
        banner_layout.insertStretch(0, 1)
        banner_layout.addWidget(self.reason_label)
        banner_layout.addStretch(1)
        banner_buttons = QHBoxLayout()
        banner_buttons.addStretch(1)
        self.undo_button = QPushButton(objectName="deskUndo")
        self.print_button = QPushButton(objectName="deskPrintCertificate")
        self.print_button.setProperty("kind", "primary")
        banner_buttons.addWidget(self.undo_button)
        banner_buttons.addWidget(self.print_button)
        banner_buttons.addStretch(1)
        banner_layout.addLayout(banner_buttons)
        self.undo_button.setVisible(False)
        self.print_button.setVisible(False)

        actions_row = QHBoxLayout()
        self.walk_in_button = QPushButton(objectName="deskWalkIn")
        self.walk_in_button.setProperty("kind", "primary")
        self.check_out_all_button = QPushButton(objectName="deskCheckOutAll")
        self.check_out_all_button.setProperty("kind", "danger")
        actions_row.addWidget(self.walk_in_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.check_out_all_button)

        main.addWidget(self.scan_field)
        main.addWidget(self.hint_label)
        main.addWidget(self.results)
        main.addWidget(self.banner, 1)
        main.addLayout(actions_row)
        body.addLayout(main, 3)

        # Side column: who is in now, and the last scans.
        side = QVBoxLayout()
        side.setSpacing(6)
        self.in_now_title = QLabel(objectName="deskInNowTitle")
        self.in_now_title.setProperty("role", "subheading")
        self.in_now_model: TableModel[InNow] = TableModel(
            [
                Column(lambda: self.tr("الاسم"), lambda row: row.full_name),
                Column(
                    lambda: self.tr("وقت الدخول"),
                    lambda row: self.ctx.fmt_time(row.since),
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
                Column(
                    lambda: self.tr("الساعات حتى الآن"),
                    lambda row: self.ctx.fmt_hours(row.hours),
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
            ]
        )
        self.in_now_view = QTableView(objectName="deskInNowTable")
        self.in_now_view.setModel(self.in_now_model)
        self.in_now_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.in_now_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.in_now_view.verticalHeader().setVisible(False)
        self.in_now_view.setAlternatingRowColors(True)
        header = self.in_now_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.recent_title = QLabel(objectName="deskRecentTitle")
        self.recent_title.setProperty("role", "subheading")
        self.recent_list = QListWidget(objectName="deskRecent")
        self.recent_list.setMaximumHeight(260)
        side.addWidget(self.in_now_title)
        side.addWidget(self.in_now_view, 1)
        side.addWidget(self.recent_title)
        side.addWidget(self.recent_list)
        body.addLayout(side, 2)

        self.setTabOrder(self.scan_field, self.results)
        self.setTabOrder(self.results, self.undo_button)
        self.setTabOrder(self.undo_button, self.print_button)
        self.setTabOrder(self.print_button, self.walk_in_button)
        self.setTabOrder(self.walk_in_button, self.check_out_all_button)
        self.setTabOrder(self.check_out_all_button, self.event_combo)
        self.setTabOrder(self.event_combo, self.in_now_view)
        self.setTabOrder(self.in_now_view, self.recent_list)

    @staticmethod
    def _count_card(name: str) -> tuple[QLabel, QFrame]:
        card = QFrame(objectName="card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 4, 14, 4)
        layout.setSpacing(0)
        number = QLabel(objectName=f"{name}Number")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {theme.PRIMARY_DARK};")
        caption = QLabel(objectName=f"{name}Caption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setProperty("role", "muted")
        layout.addWidget(number)
        layout.addWidget(caption)
        number.setProperty("caption", caption)
        card.setMinimumWidth(120)
        return number, card

    def _wire(self) -> None:
        self.scan_field.query_changed.connect(self._search)
        self.scan_field.submitted.connect(self._submit)
        self.scan_field.escape_pressed.connect(self._hide_results)
        self.scan_field.installEventFilter(self)
        self.results.attach_to(self.scan_field)
        self.results.chosen.connect(self._choose)
        self.results.itemClicked.connect(
            lambda item: self.results.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.event_combo.activated.connect(self._event_chosen)
        self.undo_button.clicked.connect(self.undo_last)
        self.print_button.clicked.connect(self._print_certificate)
        self.walk_in_button.clicked.connect(self.open_walk_in)
        self.check_out_all_button.clicked.connect(self.confirm_check_out_everyone)
        self.ctx.current_event_changed.connect(self._context_event_changed)
        self.ctx.digits_changed.connect(lambda _d: self._redisplay())

        self.walk_in_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        self.walk_in_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.walk_in_shortcut.activated.connect(self.open_walk_in)
        # In the scan field Ctrl+Z is handled by eventFilter (a QLineEdit claims Ctrl+Z for itself).
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo_last)

        self._undo_timer = QTimer(self, interval=1000)
        self._undo_timer.timeout.connect(self._tick_undo)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_COALESCE_MS)
        self._refresh_timer.timeout.connect(self._load_snapshot)
        # The refresh a scan triggers starts after the banner is painted: started at once, the DB
        # thread's reload competes with the UI thread for the GIL while the result is drawn.
        self._pending_topics: set[str] = set()
        self._publish_timer = QTimer(self, singleShot=True, interval=PUBLISH_DELAY_MS)
        self._publish_timer.timeout.connect(self._publish_pending)
        self._clock = QTimer(self, interval=60_000)  # hours so far move on while people stay
        self._clock.timeout.connect(self.in_now_model.refresh_display)
        self._clock.start()

    def _publish_soon(self, changed: Changed) -> None:
        self._pending_topics |= changed.topics
        self._publish_timer.start()

    def _publish_pending(self) -> None:
        topics, self._pending_topics = frozenset(self._pending_topics), set()
        if topics:
            self.ctx.publish(Changed(topics))

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("مكتب التسجيل")

    def activate(self) -> None:
        self.focus_scan_field()

    def refresh(self) -> None:
        if not self._events_loaded:
            self._load_events()
            return
        self._load_snapshot()

    def on_changed(self, changed: Changed) -> None:
        if "events" in changed.topics:
            self._events_loaded = False
        super().on_changed(changed)

    def retranslate(self) -> None:
        self.event_label.setText(self.tr("الفعالية:"))
        self.event_combo.setAccessibleName(self.tr("الفعالية التي يُسجَّل لها الحضور"))
        self.scan_field.setPlaceholderText(self.tr("امسح البطاقة، أو اكتب رقم الهوية أو الجوال أو الاسم"))
        self.scan_field.setAccessibleName(self.tr("حقل المسح والبحث"))
        self.scan_field.setAccessibleDescription(
            self.tr(
                "رمز البطاقة أو رقم الهوية أو الجوال ثم Enter يسجّل الدخول أو الخروج فورًا؛ الاسم يعرض النتائج"
            )
        )
        enter, f2 = ltr("Enter"), ltr("F2")
        self.hint_label.setText(
            self.tr("الرمز أو الهوية أو الجوال ثم {0} · الاسم ثم الأسهم و{0} · {1} حضور جديد").format(
                enter, f2
            )
        )
        self.results.setAccessibleName(self.tr("نتائج البحث"))
        self.walk_in_button.setText(self.tr("تسجيل حضور جديد (F2)"))
        self.walk_in_button.setAccessibleName(self.tr("تسجيل حضور جديد"))
        self.check_out_all_button.setText(self.tr("تسجيل خروج الجميع"))
        self.check_out_all_button.setAccessibleName(self.tr("تسجيل خروج جميع الموجودين"))
        self.print_button.setText(self.tr("طباعة الشهادة"))
        self.print_button.setAccessibleName(self.tr("طباعة شهادة الحضور"))
        self.undo_button.setAccessibleName(self.tr("التراجع عن آخر مسح"))
        self.undo_button.setToolTip(self.tr("يلغي آخر مسح (يُسجَّل الإلغاء ولا يُحذف شيء) — Ctrl+Z"))
        self.in_now_title.setText(self.tr("الموجودون الآن"))
        self.in_now_view.setAccessibleName(self.tr("الموجودون الآن"))
        self.recent_title.setText(self.tr("آخر عمليات المسح"))
        self.recent_list.setAccessibleName(self.tr("آخر عمليات المسح"))
        for number, caption in (
            (self.in_now_count, self.tr("في الداخل الآن")),
            (self.attended_count, self.tr("حضروا")),
            (self.hours_count, self.tr("مجموع الساعات")),
        ):
            number.property("caption").setText(caption)
            number.setAccessibleName(caption)
        self.in_now_model.retranslate()
        self._tick_undo()
        self._redisplay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.matches(QKeySequence.StandardKey.Undo) and not self.scan_field.text():
                self.undo_last()
                return True
        return super().eventFilter(watched, event)

    # -- focus --------------------------------------------------------------------------------
    def focus_scan_field(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- events -------------------------------------------------------------------------------
    def _load_events(self) -> None:
        wanted = self.event_id or self.ctx.current_event_id
        self.ctx.runner.db(actions.event_choices, self.ctx.services, wanted, on_done=self._show_events)

    def _show_events(self, choice: actions.EventChoice) -> None:
        self._events_loaded = True
        self._events = {e.id: e for e in choice.events}
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in choice.events:
            self.event_combo.addItem(self._event_text(event), event.id)
        if not choice.events:
            self.event_combo.addItem(self.tr("لا توجد فعالية جارية — أنشئ فعالية من شاشة الفعاليات"), None)
        index = self.event_combo.findData(choice.selected_id) if choice.selected_id else -1
        self.event_combo.setCurrentIndex(max(0, index))
        self.event_combo.blockSignals(False)
        self._set_event(choice.selected_id)

    def _directed(self, text: str) -> str:
        """Text laid out in the UI's direction even when it starts with a name in the other script."""
        return directed(text, self.ctx.lang == "ar")

    def _event_text(self, event: EventView) -> str:
        hours = ltr(f"{self.ctx.fmt_time(event.starts_at)}–{self.ctx.fmt_time(event.ends_at)}")
        return self._directed(f"{embed(event.title)} — {hours}")

    def _event_chosen(self, index: int) -> None:
        self._set_event(self.event_combo.itemData(index))
        self.focus_scan_field()

    def _context_event_changed(self, event_id: str | None) -> None:
        if event_id == self.event_id:
            return
        index = self.event_combo.findData(event_id) if event_id else -1
        if index >= 0:
            self.event_combo.setCurrentIndex(index)
            self._set_event(event_id)
        else:
            self.event_id = event_id
            self._events_loaded = False
            if self.isVisible():
                self.refresh()

    def _set_event(self, event_id: str | None) -> None:
        changed = event_id != self.event_id
        self.event_id = event_id
        if event_id is not None and event_id != self.ctx.current_event_id:
            self.ctx.set_current_event(event_id)
        enabled = event_id is not None
        for widget in (self.scan_field, self.walk_in_button, self.check_out_all_button):
            widget.setEnabled(enabled)
        if changed:
            self._local_log.clear()
            self._set_undo(None)
            self._show_idle()
        self._load_snapshot()

    # -- search as you type -------------------------------------------------------------------
    def _search(self, query: str) -> None:
        if self._search_task is not None:
            self._search_task.cancel()
        if not query or self.event_id is None:
            self._hide_results()
            return
        self._search_task = self.ctx.runner.db(
            self.ctx.services.search.find, query, limit=20, event_id=self.event_id, on_done=self._show_hits
        )

    def _show_hits(self, hits: list[SearchHit]) -> None:
        if not self.scan_field.text().strip():
            return  # the field was emptied (a scan went through) while the search ran
        self.results.set_results([self._hit_item(hit) for hit in hits])
        self.results.setVisible(bool(hits))

    def _hit_item(self, hit: SearchHit) -> ResultItem:
        person = hit.person
        parts = [p for p in (person.national_id, person.mobile_display, person.badge_code) if p]
        subtitle = " · ".join(ltr(p) for p in parts)
        status = None
        if hit.registered is False:
            subtitle += " · " + self.tr("غير مسجل في الفعالية")
            status = "warning"
        return ResultItem(person.id, person.full_name, subtitle, status)

    def _hide_results(self) -> None:
        self.results.set_results([])
        self.results.setVisible(False)

    # -- scanning -----------------------------------------------------------------------------
    def _submit(self, text: str) -> None:
        if self.results.isVisible() and self.results.choose_current():
            return
        if not text:
            return
        if self.event_id is None:
            self._show_no_event()
            return
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None
        # Empty the field now: the next badge may be scanned before this answer arrives.
        self.scan_field.clear_query()
        self._pending_text = text
        self._submit_task = self.ctx.runner.db(
            actions.submit,
            self.ctx.services,
            self.event_id,
            text,
            on_done=self._submitted,
            on_error=self._failed,
        )

    def _submitted(self, outcome: actions.SubmitOutcome) -> None:
        if outcome.result is not None:
            self.show_result(outcome.result)
            return
        # Several people match a typed name: keep the list open, the text in the field.
        if not self.scan_field.text():
            self.scan_field.setText(self._pending_text)
        # Selected: the next scan or typed name replaces it instead of being appended.
        self.scan_field.selectAll()
        self.results.set_results([self._hit_item(hit) for hit in outcome.hits])
        self.results.setVisible(True)
        self.banner.show_status(
            "warning",
            self.tr("اختر من القائمة"),
            "",
            self.tr("«{0}» يطابق أكثر من احتمال ({1}): انزل بالسهم ↓ ثم \u202aEnter\u202c").format(
                self._pending_text, self.ctx.fmt_number(len(outcome.hits))
            ),
        )
        self.reason_label.clear()
        self.print_button.setVisible(False)
        self.focus_scan_field()

    def _choose(self, person_id: str) -> None:
        if not person_id or self.event_id is None:
            return
        self.scan_field.clear_query()
        self._hide_results()
        self._submit_task = self.ctx.runner.db(
            actions.scan_person,
            self.ctx.services,
            self.event_id,
            person_id,
            "search",
            on_done=self.show_result,
            on_error=self._failed,
        )

    def show_result(self, result: ScanResult) -> None:
        """The big answer: colour, name, in/out, time, hours, reason; a sound; undo; focus back."""
        self._last_result = result
        status = "refused" if result.status == "not_found" else result.status
        name = result.person.full_name if result.person else str(result.params.get("code", ""))
        self.banner.show_status(status, self._result_title(result), name, self._result_detail(result))
        reason = result.text(self.ctx.lang) if status != "ok" else ""
        self.reason_label.setText(self._directed(reason) if reason else "")
        self.reason_label.setStyleSheet(f"color: {theme.STATUS_COLOURS.get(status, theme.TEXT)};")
        self.reason_label.setVisible(bool(reason))
        self.banner.setAccessibleName(
            " — ".join(t for t in (self.banner.title_label.text(), name, reason) if t)
        )
        self.print_button.setVisible(self._certificate_allowed(result))
        self._tick_undo()  # the undo label names its scan when this result is a refusal
        self._hide_results()
        self.scan_field.clear_query()
        self.focus_scan_field()
        if result.accepted:
            self._set_undo(result)
            self._publish_soon(result.changed)
        else:
            self._local_log.append(LogEntry(result.at, name, "refused", self.tr("مرفوض")))
            del self._local_log[:-RECENT_ROWS]
            self._show_recent()
        if self.ctx.sounds:
            self.sounds.play(status)
        self.result_shown.emit(result)

    def _result_title(self, result: ScanResult) -> str:
        if result.status == "not_found":
            return self.tr("غير موجود")
        if result.status == "refused":
            return self.tr("مرفوض")
        word = self.tr("دخول") if result.direction == "in" else self.tr("خروج")
        if result.status == "warning":
            return self.tr("{0} — مع تنبيه").format(word)
        return word

    def _result_detail(self, result: ScanResult) -> str:
        time_text = self.tr("الساعة {0}").format(self.ctx.fmt_time(result.at))
        if result.status == "not_found" or result.hours_so_far <= 0:
            return time_text
        return self.tr("{0} · الساعات حتى الآن: {1}").format(
            time_text, self.ctx.fmt_hours(result.hours_so_far)
        )

    def _certificate_allowed(self, result: ScanResult) -> bool:
        if not result.accepted or result.direction != "out" or result.person is None:
            return False
        event = self._events.get(self.event_id or "")
        minimum = event.min_certificate_hours if event is not None else 0.0
        return result.hours_so_far > 0 and result.hours_so_far >= minimum

    def _print_certificate(self) -> None:
        result = self._last_result
        if result is not None and result.person is not None and self.event_id is not None:
            self.print_certificate_requested.emit(self.event_id, result.person.id)

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_status("refused", self.tr("✗ تعذّر التسجيل"), "", "")
        self.reason_label.setText(user_message(exc))
        self.reason_label.setVisible(True)
        self.print_button.setVisible(False)
        self.focus_scan_field()
        if self.ctx.sounds:
            self.sounds.play("refused")

    def _show_idle(self) -> None:
        if self.event_id is None and self._events_loaded:
            self._show_no_event()
            return
        self.banner.show_status("idle", self.tr("جاهز للمسح"), "", self.tr("امسح بطاقة أو اكتب اسمًا"))
        self.reason_label.clear()
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)

    def _show_no_event(self) -> None:
        self.banner.show_status(
            "warning", self.tr("اختر الفعالية أولًا"), "", self.tr("لا فعالية محددة لتسجيل الحضور لها")
        )
        self.reason_label.setVisible(False)

    # -- undo ---------------------------------------------------------------------------------
    def _set_undo(self, result: ScanResult | None) -> None:
        if result is None or result.scan_id is None:
            self._undo_scan_id = None
            self._undo_timer.stop()
            self.undo_button.setVisible(False)
            return
        seconds = int(
            self.ctx.settings.get("desk.undo_seconds", DEFAULT_UNDO_SECONDS) or DEFAULT_UNDO_SECONDS
        )
        self._undo_scan_id = result.scan_id
        self._undo_name = result.person.full_name if result.person else ""
        self._undo_deadline = time.monotonic() + seconds
        self._undo_timer.start()
        self._tick_undo()

    def undo_remaining(self) -> int:
        if self._undo_scan_id is None:
            return 0
        return max(0, int(self._undo_deadline - time.monotonic() + 0.999))

    def _tick_undo(self) -> None:
        remaining = self.undo_remaining()
        if remaining <= 0:
            if self._undo_scan_id is not None:
                self._set_undo(None)
            return
        countdown = self.ctx.fmt_digits(f"{remaining // 60}:{remaining % 60:02d}")
        last = self._last_result
        if last is not None and last.scan_id == self._undo_scan_id:
            self.undo_button.setText(self.tr("تراجع ({0})").format(countdown))
        else:  # the banner shows a later (refused) result: say which scan would be undone
            self.undo_button.setText(
                self.tr("تراجع عن مسح {0} ({1})").format(embed(self._undo_name), countdown)
            )
        self.undo_button.setVisible(True)

    def undo_last(self) -> None:
        if self._undo_scan_id is None or self.undo_remaining() <= 0:
            return
        scan_id, name = self._undo_scan_id, self._undo_name
        self._set_undo(None)
        self.ctx.runner.db(
            self.ctx.services.attendance.undo,
            scan_id,
            on_done=lambda result: self._undone(result, name),
            on_error=self._failed,
        )

    def _undone(self, result, name: str) -> None:
        self.banner.show_status(
            "idle", self.tr("أُلغي آخر مسح"), name, self.tr("سُجّل الإلغاء في السجل؛ لم يُحذف شيء")
        )
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)
        self.ctx.publish(result.changed)
        self.focus_scan_field()

    # -- walk-ins -----------------------------------------------------------------------------
    def open_walk_in(self) -> WalkInDialog | None:
        if self.event_id is None:
            self._show_no_event()
            return None
        dialog = WalkInDialog(self.ctx, self.event_id, self)
        dialog.registered.connect(self._walk_in_done)
        dialog.use_existing.connect(self._choose)
        dialog.finished.connect(lambda _r: self.focus_scan_field())
        self.walk_in_dialog = dialog
        dialog.open()
        dialog.ui.fullNameEdit.setFocus()
        return dialog

    def _walk_in_done(self, outcome: actions.WalkInOutcome) -> None:
        self.ctx.publish(Changed(outcome.changed_topics))
        if outcome.result is not None:
            self.show_result(outcome.result)

    # -- check out everyone -------------------------------------------------------------------
    def confirm_check_out_everyone(self) -> QMessageBox | None:
        if self.event_id is None:
            return None
        inside = self._snapshot.counts.in_now if self._snapshot else 0
        box = QMessageBox(self)
        box.setObjectName("deskCheckOutAllConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("تسجيل خروج الجميع"))
        box.setText(
            self.tr("تسجيل خروج جميع الموجودين الآن ({0}) في الساعة {1}؟").format(
                self.ctx.fmt_number(inside), self.ctx.fmt_time(dates.now())
            )
        )
        box.setInformativeText(self.tr("يُستخدم عند نهاية الفعالية. يمكن للمشرف إلغاء أي خروج لاحقًا."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self._check_out_answer(box))
        self.confirm_box = box
        box.open()
        return box

    def _check_out_answer(self, box: QMessageBox) -> None:
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self.confirm_box = None
        box.deleteLater()
        self.focus_scan_field()
        if not yes or self.event_id is None:
            return
        self.ctx.runner.db(
            self.ctx.services.attendance.check_out_everyone,
            self.event_id,
            on_done=self._checked_out_everyone,
            on_error=self._failed,
        )

    def _checked_out_everyone(self, count: int) -> None:
        self._set_undo(None)
        self.banner.show_status(
            "ok",
            self.tr("✓ سُجّل خروج الجميع"),
            self.tr("{0} شخصًا").format(self.ctx.fmt_number(count)),
            self.tr("الساعة {0}").format(self.ctx.fmt_time(dates.now())),
        )
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)
        self.ctx.publish(Changed.of("scans"))
        self.focus_scan_field()

    # -- lists and counts ---------------------------------------------------------------------
    def _load_snapshot(self) -> None:
        if self.event_id is None:
            self._snapshot = None
            self._redisplay()
            return
        if self._snapshot_task is not None and not self._snapshot_task.done:
            self._refresh_again = True  # one more after this one, not one per scan
            return
        self._refresh_again = False
        self._snapshot_task = self.ctx.runner.db(
            actions.snapshot, self.ctx.services, self.event_id, RECENT_ROWS, on_done=self._show_snapshot
        )

    def _show_snapshot(self, snap: DeskSummary) -> None:
        if snap.event_id == self.event_id:
            self._snapshot = snap
            self._redisplay()
        if self._refresh_again:
            self._refresh_again = False
            self._refresh_timer.start()

    def _redisplay(self) -> None:
        snap = self._snapshot
        if snap is None:
            self.in_now_model.set_rows([])
            for label in (self.in_now_count, self.attended_count, self.hours_count):
                label.setText(self.ctx.fmt_number(0))
            self._show_recent()
            return
        self.in_now_count.setText(self.ctx.fmt_number(snap.counts.in_now))
        self.attended_count.setText(self.ctx.fmt_number(snap.counts.attended))
        self.hours_count.setText(self.ctx.fmt_number(snap.counts.total_hours, 2, trim=True))
        self.in_now_model.set_rows(snap.in_now)
        self.in_now_title.setText(
            self.tr("الموجودون الآن ({0})").format(self.ctx.fmt_number(len(snap.in_now)))
        )
        self._show_recent()

    def _hours_number(self, hours: float) -> str:
        """411.5 rather than 411.50; whole hours without decimals."""
        text = self.ctx.fmt_number(hours, 2)
        for point in (".", "٫"):
            if point in text:
                text = text.rstrip("0٠").rstrip(point)
        return text

    def log_entries(self) -> list[LogEntry]:
        """Last scans of the event (from the database) merged with this desk's refusals, newest first."""
        entries = list(self._local_log)
        if self._snapshot is not None:
            for scan in self._snapshot.recent:
                word = self.tr("دخول") if scan.direction == "in" else self.tr("خروج")
                if scan.voided:
                    entries.append(
                        LogEntry(scan.at, scan.full_name, "voided", self.tr("{0} — أُلغي").format(word))
                    )
                else:
                    entries.append(LogEntry(scan.at, scan.full_name, "ok", word))
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[:RECENT_ROWS]

    def _show_recent(self) -> None:
        self.recent_list.clear()
        colours = {"ok": theme.OK, "refused": theme.REFUSED, "voided": theme.MUTED}
        for entry in self.log_entries():
            item = QListWidgetItem(
                self._directed(f"{self.ctx.fmt_time(entry.at)}   {entry.text} — {entry.name}")
            )
            item.setForeground(QColor(colours.get(entry.status, theme.TEXT)))
            self.recent_list.addItem(item)
