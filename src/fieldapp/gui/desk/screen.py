"""The check-in desk: one field for the scanner and the keyboard, a result panel readable from two metres.

    scan field ──Enter──> services.desk.submit (one write): a code checks in/out at once; a typed
               ──typing─> search (debounced) ─> results; Down/Up/Enter or a click chooses
    result ──> ResultPanel (green / amber / red + reason), a sound, «تراجع» for two minutes,
               «طباعة الشهادة» after a check-out with enough hours, then focus back in the field.

The screen wires widgets (result_panel, counts, who_is_in, recent_scans, walk_in) to ONE service
call per action, through ctx.runner: reads with db(), writes with write() (the runner publishes
what a write changed). Lists refresh after every scan, coalesced: a burst of scans causes one
reload, never a queue of them, and the reload a scan causes starts after the result is painted.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.gui.desk.check_out_all import CheckOutAllBox
from fieldapp.gui.desk.counts import CountCards
from fieldapp.gui.desk.event_picker import EventPicker
from fieldapp.gui.desk.people_found import PeopleFound
from fieldapp.gui.desk.recent_scans import RECENT_ROWS, LogEntry, RecentScans
from fieldapp.gui.desk.result_panel import ResultPanel
from fieldapp.gui.desk.sounds import ResultSounds
from fieldapp.gui.desk.walk_in import WalkInDialog
from fieldapp.gui.desk.who_is_in import WhoIsIn
from fieldapp.gui.runner import Task
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import SearchField
from fieldapp.gui.widgets.inputs import ltr
from fieldapp.services import Changed, Done
from fieldapp.services.attendance import DeskSummary, ScanResult
from fieldapp.services.desk import EventChoice, SubmitOutcome, WalkInOutcome
from fieldapp.services.search import SearchHit

REFRESH_COALESCE_MS = 60
REFRESH_AFTER_PAINT_MS = 40


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
        self._events_loaded = False
        self._search_task: Task | None = None
        self._submit_task: Task | None = None
        self._snapshot_task: Task | None = None
        self._refresh_again = False
        self._refresh_after_paint = False
        self._snapshot: DeskSummary | None = None
        self._pending_text = ""
        self.walk_in_dialog: WalkInDialog | None = None
        self.confirm_box: CheckOutAllBox | None = None
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
        outer.addLayout(self._build_top())
        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)
        # Main column first: on the right in Arabic, beside the navigation.
        body.addLayout(self._build_main(), 3)
        side = QVBoxLayout()
        side.setSpacing(6)
        self.who_is_in = WhoIsIn(self.ctx, self)
        self.recent = RecentScans(self.ctx, self)
        side.addWidget(self.who_is_in, 1)
        side.addWidget(self.recent)
        body.addLayout(side, 2)
        self._alias_parts()
        order = [
            self.scan_field,
            self.results,
            self.undo_button,
            self.print_button,
            self.walk_in_button,
            self.check_out_all_button,
            self.event_combo,
            self.in_now_view,
            self.recent_list,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _build_top(self) -> QHBoxLayout:
        """The event, then the counts."""
        top = QHBoxLayout()
        top.setSpacing(10)
        self.event_picker = EventPicker(self.ctx, self)
        top.addWidget(self.event_picker, 1)
        top.addSpacing(16)
        self.counts = CountCards(self.ctx, self)
        top.addWidget(self.counts)
        return top

    def _build_main(self) -> QVBoxLayout:
        """The scan field, the search results, the result panel and the two actions."""
        main = QVBoxLayout()
        main.setSpacing(8)
        self.scan_field = SearchField(self)
        self.scan_field.setObjectName("deskScanField")
        self.scan_field.setProperty("kind", "scan")
        self.scan_field.setMinimumHeight(58)
        self.hint_label = QLabel(objectName="deskHint")
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setWordWrap(True)
        self.results = PeopleFound(self)
        self.result_panel = ResultPanel(self.ctx, self)
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
        # The suggestions are not in the layout: open, they lie over the result panel and use the
        # column's whole height (eight rows and more on a laptop); closed, the panel is seen again.
        main.addWidget(self.result_panel, 1)
        main.addLayout(actions_row)
        return main

    def _alias_parts(self) -> None:
        """The parts of the widgets that tests, the bench and the tab order reach by name."""
        self.event_combo = self.event_picker.combo
        self.banner = self.result_panel
        self.reason_label = self.result_panel.reason_label
        self.undo_button = self.result_panel.undo_button
        self.print_button = self.result_panel.print_button
        self.in_now_count = self.counts.in_now_count
        self.attended_count = self.counts.attended_count
        self.hours_count = self.counts.hours_count
        self.in_now_model = self.who_is_in.model
        self.in_now_view = self.who_is_in.view
        self.recent_list = self.recent.list

    def _wire(self) -> None:
        self.scan_field.query_changed.connect(self._search)
        self.scan_field.submitted.connect(self._submit)
        self.scan_field.escape_pressed.connect(self._hide_results)
        self.scan_field.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.attach_to(self.scan_field)
        self.results.chosen.connect(self._choose)
        self.event_picker.picked.connect(self._event_chosen)
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

        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_COALESCE_MS)
        self._refresh_timer.timeout.connect(self._load_snapshot)
        # The refresh a scan triggers starts after the result is painted: started at once, the DB
        # thread's reload competes with the UI thread for the GIL while the result is drawn.
        self._after_paint_timer = QTimer(self, singleShot=True, interval=REFRESH_AFTER_PAINT_MS)
        self._after_paint_timer.timeout.connect(self._load_snapshot)

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("مكتب التسجيل")

    def activate(self) -> None:
        self.focus_scan_field()

    def refresh(self) -> None:
        if not self._events_loaded:
            self._load_events()
            return
        if self._refresh_after_paint:  # a scan this desk just showed: reload once it is painted
            self._refresh_after_paint = False
            self._after_paint_timer.start()
            return
        self._load_snapshot()

    def on_changed(self, changed: Changed) -> None:
        if "events" in changed.topics:
            self._events_loaded = False
        super().on_changed(changed)

    def retranslate(self) -> None:
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
        self.walk_in_button.setText(self.tr("تسجيل حضور جديد (F2)"))
        self.walk_in_button.setAccessibleName(self.tr("تسجيل حضور جديد"))
        self.check_out_all_button.setText(self.tr("تسجيل خروج الجميع"))
        self.check_out_all_button.setAccessibleName(self.tr("تسجيل خروج جميع الموجودين"))
        for part in (
            self.event_picker,
            self.results,
            self.result_panel,
            self.counts,
            self.who_is_in,
            self.recent,
        ):
            part.retranslate()
        self._redisplay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results and event.type() == QEvent.Type.Show:
            self._place_results()
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.matches(QKeySequence.StandardKey.Undo) and not self.scan_field.text():
                self.undo_last()
                return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_results()

    def _place_results(self) -> None:
        """The suggestions cover the result panel (the column under the scan field and its hint)."""
        self.results.setGeometry(self.result_panel.geometry())
        self.results.raise_()

    # -- focus --------------------------------------------------------------------------------
    def focus_scan_field(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- events -------------------------------------------------------------------------------
    def _load_events(self) -> None:
        wanted = self.event_id or self.ctx.current_event_id
        self.ctx.runner.db(self.ctx.services.desk.event_choices, wanted, on_done=self._show_events)

    def _show_events(self, choice: EventChoice) -> None:
        self._events_loaded = True
        self.event_picker.show_choices(choice)
        self._set_event(choice.selected_id)

    def _event_chosen(self, event_id: str | None) -> None:
        self._set_event(event_id)
        self.focus_scan_field()

    def _context_event_changed(self, event_id: str | None) -> None:
        if event_id == self.event_id:
            return
        if self.event_picker.select(event_id):
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
            self.recent.clear_refusals()
            self.result_panel.disarm_undo()
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
        self.results.show_hits(hits)

    def _hide_results(self) -> None:
        self.results.hide_hits()

    # -- scanning -----------------------------------------------------------------------------
    def _submit(self, text: str) -> None:
        if self.results.isVisible() and self.results.choose_current():
            return
        if not text:
            return
        if self.event_id is None:
            self.result_panel.show_no_event()
            return
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None
        # Empty the field now: the next badge may be scanned before this answer arrives.
        self.scan_field.clear_query()
        self._pending_text = text
        self._submit_task = self.ctx.runner.write(
            self.ctx.services.desk.submit,
            self.event_id,
            text,
            on_done=self._submitted,
            on_error=self._failed,
        )

    def _submitted(self, outcome: SubmitOutcome) -> None:
        if outcome.result is not None:
            self.show_result(outcome.result)
            return
        # Several people match a typed name: keep the list open, the text in the field.
        if not self.scan_field.text():
            self.scan_field.setText(self._pending_text)
        # Selected: the next scan or typed name replaces it instead of being appended.
        self.scan_field.selectAll()
        self.results.show_hits(outcome.hits, keep_open=True)
        self.result_panel.show_choose(self._pending_text, len(outcome.hits))
        self.focus_scan_field()

    def _choose(self, person_id: str) -> None:
        if not person_id or self.event_id is None:
            return
        self.scan_field.clear_query()
        self._hide_results()
        self._submit_task = self.ctx.runner.write(
            self.ctx.services.attendance.scan,
            self.event_id,
            person_id,
            method="search",
            on_done=self.show_result,
            on_error=self._failed,
        )

    def show_result(self, result: ScanResult) -> None:
        """The big answer: colour, name, in/out, time, hours, reason; a sound; undo; focus back."""
        status = self.result_panel.show_result(result, self._certificate_allowed(result))
        self._hide_results()
        self.scan_field.clear_query()
        self.focus_scan_field()
        if result.accepted:
            self._refresh_after_paint = True  # the runner publishes the scan right after this
        else:
            name = result.person.full_name if result.person else str(result.params.get("code", ""))
            self.recent.add_refusal(result.at, name, already_recorded=status == "warning")
        if self.ctx.sounds:
            self.sounds.play(status)
        self.result_shown.emit(result)

    def _certificate_allowed(self, result: ScanResult) -> bool:
        if not result.accepted or result.direction != "out" or result.person is None:
            return False
        event = self.event_picker.events.get(self.event_id or "")
        minimum = event.min_certificate_hours if event is not None else 0.0
        return result.hours_so_far > 0 and result.hours_so_far >= minimum

    def _print_certificate(self) -> None:
        result = self.result_panel.last_result
        if result is not None and result.person is not None and self.event_id is not None:
            self.print_certificate_requested.emit(self.event_id, result.person.id)

    def _failed(self, exc: BaseException) -> None:
        self.result_panel.show_failure(exc)
        self.focus_scan_field()
        if self.ctx.sounds:
            self.sounds.play("refused")

    def _show_idle(self) -> None:
        if self.event_id is None and self._events_loaded:
            self.result_panel.show_no_event()
            return
        self.result_panel.show_idle()

    # -- undo ---------------------------------------------------------------------------------
    def undo_last(self) -> None:
        taken = self.result_panel.take_undo()
        if taken is None:
            return
        scan_id, name = taken
        self.ctx.runner.write(
            self.ctx.services.attendance.undo,
            scan_id,
            on_done=lambda _result: self._undone(name),
            on_error=self._failed,
        )

    def _undone(self, name: str) -> None:
        self.result_panel.show_undone(name)
        self.focus_scan_field()

    # -- walk-ins -----------------------------------------------------------------------------
    def open_walk_in(self) -> WalkInDialog | None:
        if self.event_id is None:
            self.result_panel.show_no_event()
            return None
        dialog = WalkInDialog(self.ctx, self.event_id, self)
        dialog.registered.connect(self._walk_in_done)
        dialog.use_existing.connect(self._choose)
        dialog.finished.connect(lambda _r: self.focus_scan_field())
        self.walk_in_dialog = dialog
        dialog.open()
        dialog.ui.fullNameEdit.setFocus()
        return dialog

    def _walk_in_done(self, outcome: WalkInOutcome) -> None:
        if outcome.result is not None:
            self.show_result(outcome.result)

    # -- check out everyone -------------------------------------------------------------------
    def confirm_check_out_everyone(self) -> CheckOutAllBox | None:
        if self.event_id is None:
            return None
        box = CheckOutAllBox(self.ctx, self._snapshot.counts.in_now if self._snapshot else 0, self)
        box.finished.connect(lambda _r: self._check_out_answer(box))
        self.confirm_box = box
        box.open()
        return box

    def _check_out_answer(self, box: CheckOutAllBox) -> None:
        yes = box.confirmed()
        self.confirm_box = None
        box.deleteLater()
        self.focus_scan_field()
        if not yes or self.event_id is None:
            return
        self.ctx.runner.write(
            self.ctx.services.attendance.check_out_everyone,
            self.event_id,
            on_done=self._checked_out_everyone,
            on_error=self._failed,
        )

    def _checked_out_everyone(self, result: Done) -> None:
        self.result_panel.show_checked_out_everyone(result.value)
        self.focus_scan_field()

    # -- lists and counts ---------------------------------------------------------------------
    def _load_snapshot(self) -> None:
        self._refresh_after_paint = False
        if self.event_id is None:
            self._snapshot = None
            self._redisplay()
            return
        if self._snapshot_task is not None and not self._snapshot_task.done:
            self._refresh_again = True  # one more after this one, not one per scan
            return
        self._refresh_again = False
        self._snapshot_task = self.ctx.runner.db(
            self.ctx.services.attendance.desk_summary,
            self.event_id,
            recent=RECENT_ROWS,
            on_done=self._show_snapshot,
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
        self.counts.show_counts(snap.counts if snap else None)
        self.who_is_in.show_rows(snap.in_now if snap else None)
        self.recent.set_scans(snap.recent if snap else ())

    def log_entries(self) -> list[LogEntry]:
        """Last scans of the event (from the database) merged with this desk's refusals, newest first."""
        return self.recent.log_entries()


__all__ = ["DeskScreen", "LogEntry"]
