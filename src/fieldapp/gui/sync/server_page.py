"""Settings → Central server: enrol this laptop, see where sync stands, sync now, leave.

Enrolling takes the server address and the one-time code typed, or the enrolment QR scanned by
the desk's USB scanner into the code field (`FIELDAPP1 <url> <code>`: the address is taken from
it). A laptop that already holds data is told what will go up before it enrols. Leaving the
organisation is refused while anything waits to go up, and a backup is kept first.
"""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import i18n
from fieldapp.gui.context import GuiContext
from fieldapp.gui.sync.controller import SyncController, SyncView
from fieldapp.gui.sync.texts import SyncTexts, details
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.inputs import directed, ltr
from fieldapp.services.sync_state import EnrolAnswer, EnrolRequest, EnrolResult, contact_server
from fieldapp.sync.enrolment import QR_TAG

i18n.register(
    {
        "gui.server.title": ("الخادم المركزي", "Central server"),
        "gui.server.intro": (
            "سجّل هذا الحاسوب في خادم الجهة لتصل مسوحاته إلى بقية الأجهزة وتصله مسوحاتها. اكتب العنوان "
            "والرمز، أو امسح رمز QR الخاص بالتسجيل بالماسح في خانة الرمز.",
            "Enrol this laptop with the organisation's server so its scans reach the other laptops "
            "and theirs reach it. Type the address and the code, or scan the enrolment QR code into the "
            "code field with the scanner.",
        ),
        "gui.server.url": ("عنوان الخادم", "Server address"),
        "gui.server.code": ("رمز التسجيل", "Enrolment code"),
        "gui.server.code_hint": ("الرمز، أو امسح رمز QR هنا", "The code, or scan the QR code here"),
        "gui.server.name": ("اسم هذا الحاسوب", "This laptop's name"),
        "gui.server.enrol": ("سجّل هذا الحاسوب", "Enrol this laptop"),
        "gui.server.enrolling": ("جارٍ التسجيل…", "Enrolling…"),
        "gui.server.holds_data": (
            "على هذا الحاسوب بيانات لم تُرسل: {what}. سترتفع كلها إلى الجهة عند أول مزامنة، ولن يضيع شيء.",
            "This laptop holds data not sent yet: {what}. All of it goes up to the organisation at "
            "the first sync; nothing is lost.",
        ),
        "gui.server.holds_nothing": (
            "لا توجد على هذا الحاسوب بيانات تنتظر الإرسال؛ سيتسلّم بيانات الجهة عند أول مزامنة.",
            "This laptop holds nothing waiting to be sent; it receives the organisation's data at the first sync.",
        ),
        "gui.server.confirm_title": ("تأكيد التسجيل", "Confirm enrolment"),
        "gui.server.enrolled": (
            "سُجّل هذا الحاسوب في {org}. رمزه {code}.",
            "This laptop is enrolled in {org}. Its code is {code}.",
        ),
        "gui.server.sync_now": ("زامن الآن", "Sync now"),
        "gui.server.leave": ("مغادرة الجهة", "Leave the organisation"),
        "gui.server.leave_confirm": (
            "سيتوقف هذا الحاسوب عن المزامنة مع {org}. تبقى بياناته عليه، وتُحفظ نسخة احتياطية أولًا. هل تتابع؟",
            "This laptop will stop syncing with {org}. Its data stays on it, and a backup is kept first. Go on?",
        ),
        "gui.server.left": (
            "غادر هذا الحاسوب الجهة؛ حُفظت نسخة احتياطية في {path}.",
            "This laptop left the organisation; a backup was kept in {path}.",
        ),
        "gui.server.admin_only": (
            "تسجيل الحاسوب في الخادم ومغادرته لمدير النظام.",
            "Enrolling this laptop and leaving the organisation are for an administrator.",
        ),
    }
)

# What waits to go up, counted with its noun (Qt's %n: «شخص واحد، 3 مسوحات، 11 تسجيلًا»).
_COUNTED_TABLES = {
    "person": lambda n: SyncTexts.tr("%n شخص", "", n),
    "scan": lambda n: SyncTexts.tr("%n مسح", "", n),
    "registration": lambda n: SyncTexts.tr("%n تسجيل", "", n),
    "event": lambda n: SyncTexts.tr("%n فعالية", "", n),
    "handover": lambda n: SyncTexts.tr("%n تسليم للهدايا", "", n),
    "certificate": lambda n: SyncTexts.tr("%n شهادة", "", n),
    "visit": lambda n: SyncTexts.tr("%n زيارة", "", n),
}


def what_goes_up(ctx: GuiContext, by_table: dict[str, int]) -> str:
    """'120 people, 340 scans, 12 other changes' in the user's language."""
    parts = []
    other = 0
    for table, count in sorted(by_table.items(), key=lambda kv: -kv[1]):
        if table in _COUNTED_TABLES:
            parts.append(ctx.fmt_digits(_COUNTED_TABLES[table](count)))
        else:
            other += count
    if other:
        parts.append(ctx.fmt_digits(SyncTexts.tr("%n تغيير آخر", "", other)))
    return ("، " if ctx.lang == "ar" else ", ").join(parts)


class CentralServerPage(QWidget):
    """The Settings tab. `controller` is the main window's background sync."""

    def __init__(self, ctx: GuiContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.setObjectName("centralServerPage")
        self._pending_by_table: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_enrol())
        self.pages.addWidget(self._build_enrolled())
        layout.addWidget(self.pages)
        layout.addStretch(1)
        controller.view_changed.connect(self.show_view)
        ctx.language_changed.connect(lambda _lang: self.retranslate())
        ctx.user_changed.connect(lambda _user: self._apply_permissions())
        self.retranslate()
        self.show_view(controller.view)

    # -- building -----------------------------------------------------------------------------
    def _build_enrol(self) -> QWidget:
        self.enrol_box = QGroupBox(objectName="enrolBox")
        box = QVBoxLayout(self.enrol_box)
        self.intro = QLabel(wordWrap=True, objectName="enrolIntro")
        self.intro.setProperty("role", "muted")
        box.addWidget(self.intro)
        form = QFormLayout()
        form.setSpacing(10)
        self.url = QLineEdit(objectName="serverUrl")
        self.code = QLineEdit(objectName="enrolCode")
        self.name = QLineEdit(objectName="laptopName")
        self.name.setText(socket.gethostname())
        for edit in (self.url, self.code):
            # Addresses and codes are Latin, read left to right even in the Arabic form.
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.setMinimumWidth(420)
        self.url_label, self.code_label, self.name_label = QLabel(), QLabel(), QLabel()
        self.url_label.setBuddy(self.url)
        self.code_label.setBuddy(self.code)
        self.name_label.setBuddy(self.name)
        form.addRow(self.url_label, self.url)
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.name)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        box.addLayout(form)
        self.holds = QLabel(wordWrap=True, objectName="holdsData")
        self.holds.setProperty("note", "info")
        box.addWidget(self.holds)
        row = QHBoxLayout()
        self.enrol_button = QPushButton(objectName="enrolButton")
        self.enrol_button.setProperty("kind", "primary")
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        box.addLayout(row)
        self.enrol_error = QLabel(wordWrap=True, objectName="enrolError")
        self.enrol_error.setProperty("role", "error")
        box.addWidget(self.enrol_error)
        self.admin_note = QLabel(wordWrap=True, objectName="enrolAdminNote")
        self.admin_note.setProperty("role", "muted")
        box.addWidget(self.admin_note)
        self.code.textChanged.connect(self._code_typed)
        self.code.returnPressed.connect(self.enrol)
        self.enrol_button.clicked.connect(self.enrol)
        return self.enrol_box

    def _build_enrolled(self) -> QWidget:
        self.status_box = QGroupBox(objectName="syncStatusBox")
        box = QVBoxLayout(self.status_box)
        self.status_lines = QLabel(wordWrap=True, objectName="syncStatusLines")
        self.status_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.status_lines)
        row = QHBoxLayout()
        self.sync_button = QPushButton(objectName="settingsSyncNow")
        self.sync_button.setProperty("kind", "primary")
        self.leave_button = QPushButton(objectName="leaveOrgButton")
        row.addWidget(self.sync_button)
        row.addStretch(1)
        row.addWidget(self.leave_button)
        box.addLayout(row)
        self.status_error = QLabel(wordWrap=True, objectName="leaveError")
        self.status_error.setProperty("role", "error")
        box.addWidget(self.status_error)
        self.sync_button.clicked.connect(self.controller.sync_now)
        self.leave_button.clicked.connect(self.leave)
        return self.status_box

    # -- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.db(self.ctx.services.sync_state.pending_by_table, on_done=self._show_pending)
        self.controller.reload()

    def _show_pending(self, by_table: dict[str, int]) -> None:
        self._pending_by_table = by_table
        lang = self.ctx.lang
        if by_table:
            self.holds.setText(i18n.msg("gui.server.holds_data", lang, what=what_goes_up(self.ctx, by_table)))
        else:
            self.holds.setText(i18n.msg("gui.server.holds_nothing", lang))

    def show_view(self, view: SyncView) -> None:
        enrolled = view.status is not None and view.status.enrolled
        self.pages.setCurrentIndex(1 if enrolled else 0)
        if enrolled:
            name = self.ctx.settings.get("sync.laptop_name") or ""
            lines = details(self.ctx, view)
            if name:
                lines.insert(2, f"{i18n.msg('gui.server.name', self.ctx.lang)}: {name}")
            self.status_lines.setText("\n".join(directed(line, self.ctx.is_rtl()) for line in lines))
            self.sync_button.setEnabled(view.state != "syncing")
        self._apply_permissions()

    def _apply_permissions(self) -> None:
        admin = self.ctx.can("settings.edit")
        for widget in (self.url, self.code, self.name, self.enrol_button, self.leave_button):
            widget.setEnabled(admin)
        self.admin_note.setVisible(not admin)

    # -- enrolling ----------------------------------------------------------------------------
    def _code_typed(self, text: str) -> None:
        """The scanner typed the QR text: the address goes to its field, the code stays."""
        parts = text.split()
        if len(parts) == 3 and parts[0].upper() == QR_TAG:
            self.url.setText(parts[1])

    def enrol(self) -> None:
        self.enrol_error.setText("")
        if self._pending_by_table:
            answer = QMessageBox.question(
                self,
                i18n.msg("gui.server.confirm_title", self.ctx.lang),
                self.holds.text(),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._submit_enrol()

    def _submit_enrol(self) -> None:
        self.enrol_button.setEnabled(False)
        self.enrol_button.setText(i18n.msg("gui.server.enrolling", self.ctx.lang))
        name = self.name.text().strip()
        sync_state = self.ctx.services.sync_state
        runner = self.ctx.runner

        # Three steps, each where it belongs: reads on the database thread, the server calls on the
        # network pool (a desk scanning meanwhile never waits on the network), the save as a write.
        def call_server(request: EnrolRequest) -> None:
            runner.net(
                contact_server,
                request,
                on_done=lambda answer: save(request, answer),
                on_error=self._enrol_failed,
            )

        def save(request: EnrolRequest, answer: EnrolAnswer) -> None:
            runner.write(
                sync_state.save_enrolment,
                request,
                answer,
                on_done=lambda result: self._enrolled(result, name),
                on_error=self._enrol_failed,
            )

        runner.db(
            sync_state.prepare_enrolment,
            self.url.text().strip() or None,
            self.code.text(),
            name or None,
            on_done=call_server,
            on_error=self._enrol_failed,
        )

    def _enrolled(self, result: EnrolResult, name: str) -> None:
        self.retranslate()
        self.code.clear()
        if name:
            self.ctx.set_setting("sync.laptop_name", name)
        text = i18n.msg(
            "gui.server.enrolled", self.ctx.lang, org=result.org_name, code=ltr(result.short_code)
        )
        for warning in result.warnings:
            text += "\n" + warning
        self.ctx.show_message(text, "ok")
        self.controller.start()

    def _enrol_failed(self, exc: BaseException) -> None:
        self.retranslate()
        self._apply_permissions()
        self.enrol_error.setText(user_message(exc))
        self.code.selectAll()
        self.code.setFocus()

    def leave(self) -> None:
        view = self.controller.view
        org = view.status.org_name if view.status else ""
        answer = QMessageBox.question(
            self,
            i18n.msg("gui.server.leave", self.ctx.lang),
            i18n.msg("gui.server.leave_confirm", self.ctx.lang, org=org),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.status_error.setText("")
        self.ctx.runner.write(
            self.ctx.services.sync_state.leave,
            self.ctx.data_dir.backups,
            on_done=self._left,
            on_error=lambda exc: self.status_error.setText(user_message(exc)),
        )

    def _left(self, done) -> None:
        self.controller.stop()
        self.ctx.show_message(i18n.msg("gui.server.left", self.ctx.lang, path=ltr(str(done.value))), "ok")
        self.refresh()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = self.ctx.lang
        self.enrol_box.setTitle(i18n.msg("gui.server.title", lang))
        self.status_box.setTitle(i18n.msg("gui.server.title", lang))
        self.intro.setText(i18n.msg("gui.server.intro", lang))
        self.url_label.setText(i18n.msg("gui.server.url", lang))
        self.url.setAccessibleName(i18n.msg("gui.server.url", lang))
        self.url.setPlaceholderText("https://sync.example.sa:8765")
        self.code_label.setText(i18n.msg("gui.server.code", lang))
        self.code.setAccessibleName(i18n.msg("gui.server.code", lang))
        self.code.setPlaceholderText(i18n.msg("gui.server.code_hint", lang))
        self.name_label.setText(i18n.msg("gui.server.name", lang))
        self.name.setAccessibleName(i18n.msg("gui.server.name", lang))
        self.enrol_button.setText(i18n.msg("gui.server.enrol", lang))
        self.sync_button.setText(i18n.msg("gui.server.sync_now", lang))
        self.leave_button.setText(i18n.msg("gui.server.leave", lang))
        self.admin_note.setText(i18n.msg("gui.server.admin_only", lang))
        self._show_pending(self._pending_by_table)
        self.show_view(self.controller.view)
