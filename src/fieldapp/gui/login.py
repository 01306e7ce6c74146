"""Signing in (the Designer form ui/login.ui) and the first-run wizard of an empty data directory."""

from __future__ import annotations

import html
import importlib
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import ROLE_NAMES
from fieldapp.gui.forms.ui_login import Ui_LoginForm
from fieldapp.gui.runner import Runner
from fieldapp.gui.widgets import show_error, user_message
from fieldapp.gui.widgets.inputs import ltr
from fieldapp.services import Services
from fieldapp.store.db import Store


def build_demo_available() -> bool:
    try:
        module = importlib.import_module("fieldapp.demo")
    except ImportError:
        return False
    return hasattr(module, "build_demo")


def centre_card(page: QWidget, card: QWidget) -> None:
    """The sign-in and first-run card, centred on its page (a little above the middle)."""
    outer = QHBoxLayout(page)
    outer.addStretch(1)
    column = QVBoxLayout()
    column.addStretch(1)
    column.addWidget(card)
    column.addStretch(2)
    outer.addLayout(column)
    outer.addStretch(1)


class LoginDialog(QDialog):
    """User name, password, «stay signed in until the end of the day». Emits `signed_in(UserView)`."""

    signed_in = Signal(object)

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.setObjectName("loginDialog")
        self.resize(1366, 768)
        # The Designer form sits in a centred card on a calm background.
        self.card = QFrame(objectName="card")
        self.ui = Ui_LoginForm()
        self.ui.setupUi(self.card)
        self.card.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        self.card.setFixedWidth(560)
        centre_card(self, self.card)

        self.ui.signInButton.clicked.connect(self.submit)
        self.ui.passwordEdit.returnPressed.connect(self.submit)
        self.ui.usernameEdit.returnPressed.connect(self.ui.passwordEdit.setFocus)
        self.ui.demoLabel.linkActivated.connect(self._fill_demo_account)
        self.services = Services(store, None)  # nobody is signed in yet
        self._accounts: list[dict[str, str]] = []
        self._busy = False
        self.retranslate()
        self.runner.db(self.services.setup.demo_accounts, on_done=self._accounts_loaded)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is answered where it was pressed (the password submits, the user name moves on,
        the focused button clicks), never again by the dialog's default button: a field's Enter
        goes on to the dialog, which signed in a second time and scolded an Enter in the user name."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _accounts_loaded(self, accounts: list[dict[str, str]]) -> None:
        self._accounts = accounts
        self.retranslate()

    def retranslate(self) -> None:
        self.ui.retranslateUi(self.card)
        self.setWindowTitle(self.tr("ميدان — الدخول"))
        self.ui.demoLabel.setText(self._demo_text())
        self.ui.demoLabel.setVisible(bool(self._accounts))

    def _demo_text(self) -> str:
        if not self._accounts:
            return ""
        lang = 0 if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else 1
        lines = [html.escape(self.tr("حسابات البيانات التجريبية (انقر للتعبئة):"))]
        for account in self._accounts:
            role = ROLE_NAMES.get(account.get("role", ""), (account.get("role", ""),) * 2)[lang]
            user, password = html.escape(account["username"]), html.escape(account.get("password", ""))
            # LRI…PDI keeps "user / password" left-to-right inside the Arabic line.
            lines.append(f'<a href="{user}">{ltr(f"{user} / {password}")}</a> — {html.escape(role)}')
        return "<br>".join(lines)

    def _fill_demo_account(self, username: str) -> None:
        for account in self._accounts:
            if account["username"] == username:
                self.ui.usernameEdit.setText(username)
                self.ui.passwordEdit.setText(account.get("password", ""))
                self.ui.signInButton.setFocus()

    def activate(self) -> None:
        self.ui.usernameEdit.setFocus()

    def show_error_text(self, text: str) -> None:
        self.ui.errorLabel.setText(text)

    def error_text(self) -> str:
        return self.ui.errorLabel.text()

    def submit(self) -> None:
        if self._busy:
            return
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username or not password:
            self.show_error_text(self.tr("اكتب اسم المستخدم وكلمة المرور."))
            return
        self._busy = True
        self.ui.signInButton.setEnabled(False)
        self.show_error_text("")
        self.runner.write(
            self.services.users.sign_in,
            username,
            password,
            self.ui.staySignedInCheck.isChecked(),
            on_done=self._signed_in,
            on_error=self._failed,
        )

    def _signed_in(self, user: Any) -> None:
        self._busy = False
        self.ui.signInButton.setEnabled(True)
        self.signed_in.emit(user)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.ui.signInButton.setEnabled(True)
        self.show_error_text(user_message(exc))
        self.ui.passwordEdit.selectAll()
        self.ui.passwordEdit.setFocus()


i18n.register(
    {
        "setup.password_mismatch": (
            "كلمتا المرور غير متطابقتين؛ اكتبها مرة أخرى.",
            "The two passwords differ; type it again.",
        ),
    }
)


class FirstRunWizard(QDialog):
    """An empty data directory: create the organisation and its first administrator, or load the demo."""

    finished_with_user = Signal(object)  # the signed-in UserView

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.setObjectName("firstRunWizard")
        self.resize(1366, 768)
        self.card = QFrame(objectName="card")
        self.card.setFixedWidth(640)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(36, 28, 36, 28)
        card_layout.setSpacing(12)
        self.heading = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.heading.setProperty("role", "heading")
        self.intro = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.intro.setProperty("role", "muted")
        card_layout.addWidget(self.heading)
        card_layout.addWidget(self.intro)

        self.pages = QStackedWidget()
        card_layout.addWidget(self.pages)
        self.pages.addWidget(self._build_choice_page())
        self.pages.addWidget(self._build_form_page())

        centre_card(self, self.card)

        self.create_button.clicked.connect(self.show_form)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.save_button.clicked.connect(self.submit)
        self.password2.returnPressed.connect(self.submit)
        self.demo_button.clicked.connect(self.load_demo)
        self.retranslate()

    def _build_choice_page(self) -> QWidget:
        """Page 0: create the organisation, or load the demo."""
        choice = QWidget()
        choice_layout = QVBoxLayout(choice)
        self.create_button = QPushButton(objectName="createOrgButton")
        self.create_button.setProperty("kind", "primary")
        self.demo_button = QPushButton(objectName="loadDemoButton")
        self.demo_note = QLabel(wordWrap=True)
        self.demo_note.setProperty("role", "muted")
        choice_layout.addWidget(self.create_button)
        choice_layout.addWidget(self.demo_button)
        choice_layout.addWidget(self.demo_note)
        self.demo_button.setVisible(build_demo_available())
        self.demo_note.setVisible(build_demo_available())
        return choice

    def _build_form_page(self) -> QWidget:
        """Page 1: the organisation and its first administrator."""
        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setSpacing(10)
        self.org_name = QLineEdit(objectName="orgName")
        self.short_code = QLineEdit(objectName="orgShortCode")
        self.short_code.setMaxLength(8)
        self.city = QLineEdit(objectName="orgCity")
        self.username = QLineEdit(objectName="adminUsername")
        self.display_name = QLineEdit(objectName="adminDisplayName")
        self.password = QLineEdit(objectName="adminPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(objectName="adminPassword2", echoMode=QLineEdit.EchoMode.Password)
        for edit in (self.short_code, self.username):  # Latin fields, aligned with the form
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self._labels = [QLabel() for _ in range(7)]
        self._edits = [
            self.org_name,
            self.short_code,
            self.city,
            self.username,
            self.display_name,
            self.password,
            self.password2,
        ]
        for label, edit in zip(self._labels, self._edits, strict=True):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.error_label = QLabel(wordWrap=True, objectName="setupError")
        self.error_label.setProperty("role", "error")
        form.addRow(self.error_label)
        buttons = QHBoxLayout()
        self.back_button = QPushButton()
        self.save_button = QPushButton(objectName="saveSetupButton", default=True)
        self.save_button.setProperty("kind", "primary")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        return form_page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("ميدان — الإعداد الأول"))
        self.heading.setText(self.tr("مرحبًا بك في ميدان"))
        self.intro.setText(
            self.tr(
                "هذا الجهاز لا يحوي بيانات بعد. أنشئ مؤسستك ومدير النظام الأول، أو جرّب البرنامج ببيانات تجريبية."
            )
        )
        self.create_button.setText(self.tr("إنشاء المؤسسة ومدير النظام"))
        self.demo_button.setText(self.tr("تحميل البيانات التجريبية"))
        self.demo_note.setText(
            self.tr("بيانات تجريبية لأمانة الطائف: متطوعون وفعاليات وهدايا وزيارات، مع حسابات دخول جاهزة.")
        )
        texts = [
            self.tr("اسم المؤسسة"),
            self.tr("الرمز المختصر (لاتيني)"),
            self.tr("المدينة"),
            self.tr("اسم المستخدم للمدير"),
            self.tr("اسم المدير كما يظهر"),
            self.tr("كلمة المرور"),
            self.tr("تأكيد كلمة المرور"),
        ]
        for label, edit, text in zip(self._labels, self._edits, texts, strict=True):
            label.setText(text)
            edit.setAccessibleName(text)
        self.org_name.setPlaceholderText(self.tr("مثال: أمانة محافظة الطائف"))
        self.short_code.setPlaceholderText("TAIF")
        self.save_button.setText(self.tr("حفظ والبدء"))
        self.back_button.setText(self.tr("رجوع"))

    def show_form(self) -> None:
        self.pages.setCurrentIndex(1)
        self.org_name.setFocus()

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.error_label.setText(user_message(ValidationError("setup.password_mismatch")))
            self.password2.selectAll()
            self.password2.setFocus()
            return
        self.error_label.setText("")
        self.save_button.setEnabled(False)
        self.runner.write(
            Services(self.store, None).setup.first_run,
            self.org_name.text(),
            self.short_code.text(),
            self.city.text(),
            self.username.text(),
            self.display_name.text(),
            self.password.text(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error_label.setText(user_message(exc))
        field = getattr(exc, "field", None)
        target = {
            "org_name": self.org_name,
            "short_code": self.short_code,
            "username": self.username,
            "display_name": self.display_name,
            "password": self.password,
        }.get(field or "")
        if target is not None:
            target.setFocus()
            target.selectAll()

    def _done(self, user: Any) -> None:
        self.finished_with_user.emit(user)

    def load_demo(self) -> None:
        self.demo_button.setEnabled(False)
        self.demo_button.setText(self.tr("جارٍ تحميل البيانات التجريبية…"))
        # Not one @write: the demo is built through many service writes (see fieldapp.demo).
        self.runner.db(_build_demo, self.store, on_done=self._demo_built, on_error=self._demo_failed)

    def _demo_built(self, _result: Any) -> None:
        # The demo's accounts are named on the login screen: go there.
        self.finished_with_user.emit(None)

    def _demo_failed(self, exc: BaseException) -> None:
        self.demo_button.setEnabled(True)
        self.retranslate()
        show_error(self, exc)


def _build_demo(store: Store) -> Any:
    module = importlib.import_module("fieldapp.demo")
    return module.build_demo(store, module.DEMO_ACTOR)
