"""The desk's big answer, readable from two metres: colour, name, in/out, time, hours, the reason,
«تراجع» with its countdown, and «طباعة الشهادة» after a check-out with enough hours.

The panel IS the status banner (objectName "statusBanner"); it only shows things. The desk screen
decides what to show and submits the undo through the runner (`take_undo()` hands it the scan).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from fieldapp.core import dates
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import StatusBanner
from fieldapp.gui.widgets.errors import user_message
from fieldapp.gui.widgets.inputs import directed, embed
from fieldapp.services.attendance import ScanResult

DEFAULT_UNDO_SECONDS = 120


class ResultPanel(StatusBanner):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_result: ScanResult | None = None
        self._replay: Callable[[], object] | None = None  # shows what is shown again, after a language switch
        self._undo_scan_id: str | None = None
        self._undo_name = ""
        self._undo_deadline = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(250)
        self.setProperty("scale", "large")  # read from two metres away (theme._states)
        self.reason_label = QLabel(objectName="bannerReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = self.layout()
        layout.insertStretch(0, 1)
        layout.addWidget(self.reason_label)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.undo_button = QPushButton(objectName="deskUndo")
        self.print_button = QPushButton(objectName="deskPrintCertificate")
        self.print_button.setProperty("kind", "primary")
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.undo_button.setVisible(False)
        self.print_button.setVisible(False)
        self._undo_timer = QTimer(self, interval=1000)
        self._undo_timer.timeout.connect(self._tick_undo)

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("طباعة الشهادة"))
        self.print_button.setAccessibleName(self.tr("طباعة شهادة الحضور"))
        self.undo_button.setAccessibleName(self.tr("التراجع عن آخر مسح"))
        self.undo_button.setToolTip(self.tr("يلغي آخر مسح (يُسجَّل الإلغاء ولا يُحذف شيء) — Ctrl+Z"))
        if self._replay is not None:  # the banner says it again in the new language
            self._replay()
        self._tick_undo()

    # -- what the panel shows -----------------------------------------------------------------
    def show_result(self, result: ScanResult, certificate: bool) -> str:
        """Show a scan's result (`certificate`: offer to print one); returns the banner status."""
        status = self._show_result(result, certificate)
        if result.accepted:
            self.arm_undo(result)
        return status

    def _show_result(self, result: ScanResult, certificate: bool) -> str:
        self._replay = lambda: self._show_result(result, certificate)
        self.last_result = result
        status = "refused" if result.status == "not_found" else result.status
        if _already_recorded(result):
            status = "warning"  # harmless: amber, not the red of a real refusal
        name = result.person.full_name if result.person else str(result.params.get("code", ""))
        self.show_status(status, self._result_title(result), name, self._result_detail(result))
        reason = result.text(self.ctx.lang) if status != "ok" else result.elsewhere_text(self.ctx.lang)
        self.reason_label.setText(self._directed(reason) if reason else "")
        theme.set_state(self.reason_label, "tone", status)
        self.reason_label.setVisible(bool(reason))
        self.setAccessibleName(" — ".join(t for t in (self.title_label.text(), name, reason) if t))
        self.print_button.setVisible(certificate)
        self._tick_undo()  # the undo label names its scan when this result is a refusal
        return status

    def show_idle(self) -> None:
        self._replay = self.show_idle
        self.show_status("idle", self.tr("جاهز للمسح"), "", self.tr("امسح بطاقة أو اكتب اسمًا"))
        self.reason_label.clear()
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)

    def show_no_event(self) -> None:
        self._replay = self.show_no_event
        self.show_status(
            "warning", self.tr("اختر الفعالية أولًا"), "", self.tr("لا فعالية محددة لتسجيل الحضور لها")
        )
        self.reason_label.setVisible(False)

    def show_failure(self, exc: BaseException) -> None:
        self._replay = lambda: self.show_failure(exc)
        self.show_status("refused", self.tr("✗ تعذّر التسجيل"), "", "")
        self.reason_label.setText(user_message(exc))
        self.reason_label.setVisible(True)
        self.print_button.setVisible(False)

    def show_choose(self, text: str, count: int) -> None:
        """Several people match a typed name: the coordinator chooses from the list."""
        self._replay = lambda: self.show_choose(text, count)
        self.show_status(
            "warning",
            self.tr("اختر من القائمة"),
            "",
            self.tr("«{0}» يطابق أكثر من احتمال ({1}): انزل بالسهم ↓ ثم \u202aEnter\u202c").format(
                text, self.ctx.fmt_number(count)
            ),
        )
        self.reason_label.clear()
        self.print_button.setVisible(False)

    def show_undone(self, name: str) -> None:
        self._replay = lambda: self.show_undone(name)
        self.show_status("idle", self.tr("أُلغي آخر مسح"), name, self.tr("سُجّل الإلغاء في السجل؛ لم يُحذف شيء"))
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)

    def show_checked_out_everyone(self, count: int) -> None:
        self._replay = lambda: self._show_checked_out(count)
        self.disarm_undo()
        self._show_checked_out(count)

    def _show_checked_out(self, count: int) -> None:
        self.show_status(
            "ok",
            self.tr("✓ سُجّل خروج الجميع"),
            self.ctx.fmt_digits(self.tr("%n شخص", "", count)),
            self.tr("الساعة {0}").format(self.ctx.fmt_time(dates.now())),
        )
        self.reason_label.setVisible(False)
        self.print_button.setVisible(False)

    def _result_title(self, result: ScanResult) -> str:
        if result.status == "not_found":
            return self.tr("غير موجود")
        if _already_recorded(result):
            return self.tr("مسجَّل من قبل — لا حاجة لشيء")
        if result.status == "refused":
            return self.tr("مرفوض")
        word = self.tr("دخول") if result.direction == "in" else self.tr("خروج")
        if result.status == "warning":
            return self.tr("{0} — مع تنبيه").format(word)
        return word

    def _result_detail(self, result: ScanResult) -> str:
        if _already_recorded(result):
            earlier = result.at - dt.timedelta(seconds=int(result.params["seconds_ago"]))
            return self.tr("سُجّل الساعة {0}").format(self.ctx.fmt_time(earlier))
        time_text = self.tr("الساعة {0}").format(self.ctx.fmt_time(result.at))
        if result.status == "not_found" or result.hours_so_far <= 0:
            return time_text
        return self.tr("{0} · الساعات حتى الآن: {1}").format(
            time_text, self.ctx.fmt_hours(result.hours_so_far)
        )

    def _directed(self, text: str) -> str:
        return directed(text, self.ctx.lang == "ar")

    # -- undo ---------------------------------------------------------------------------------
    def arm_undo(self, result: ScanResult) -> None:
        """Offer to undo this accepted scan for desk.undo_seconds."""
        seconds = int(
            self.ctx.settings.get("desk.undo_seconds", DEFAULT_UNDO_SECONDS) or DEFAULT_UNDO_SECONDS
        )
        self._undo_scan_id = result.scan_id
        self._undo_name = result.person.full_name if result.person else ""
        self._undo_deadline = time.monotonic() + seconds
        self._undo_timer.start()
        self._tick_undo()

    def disarm_undo(self) -> None:
        self._undo_scan_id = None
        self._undo_timer.stop()
        self.undo_button.setVisible(False)

    def undo_remaining(self) -> int:
        if self._undo_scan_id is None:
            return 0
        return max(0, int(self._undo_deadline - time.monotonic() + 0.999))

    def take_undo(self) -> tuple[str, str] | None:
        """(scan id, name) of the scan the coordinator may still undo, and the offer ends; else None."""
        if self._undo_scan_id is None or self.undo_remaining() <= 0:
            return None
        taken = (self._undo_scan_id, self._undo_name)
        self.disarm_undo()
        return taken

    def _tick_undo(self) -> None:
        remaining = self.undo_remaining()
        if remaining <= 0:
            if self._undo_scan_id is not None:
                self.disarm_undo()
            return
        countdown = self.ctx.fmt_digits(f"{remaining // 60}:{remaining % 60:02d}")
        last = self.last_result
        if last is not None and last.scan_id == self._undo_scan_id:
            self.undo_button.setText(self.tr("تراجع ({0})").format(countdown))
        else:  # the banner shows a later (refused) result: say which scan would be undone
            self.undo_button.setText(
                self.tr("تراجع عن مسح {0} ({1})").format(embed(self._undo_name), countdown)
            )
        self.undo_button.setVisible(True)


def _already_recorded(result: ScanResult) -> bool:
    """A second scan inside the minimum interval: the first was recorded and nothing needs doing."""
    return result.reason_key == "attendance.too_soon" and "seconds_ago" in result.params
