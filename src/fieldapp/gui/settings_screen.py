"""Settings: language (live), digits, sounds; the certificates' public verification address
(administrators); the laptop's users (administrators); about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp import __version__
from fieldapp.core import i18n
from fieldapp.core.permissions import ROLE_NAMES, ROLES
from fieldapp.gui.branding import BrandingBox
from fieldapp.gui.certificates import TemplateEditor
from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import Column, TableModel, user_message
from fieldapp.gui.widgets.inputs import set_note
from fieldapp.services.settings import VERIFY_ADDRESS


class SettingsScreen(Screen):
    key = "settings"
    topics = frozenset({"settings", "users", "session", "sync"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.server_page = None  # attach_sync() adds it
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        body = QWidget(objectName="scrollBody")
        scroll.setWidget(body)
        # Two tabs: the general settings, and the certificate templates (an editor with a live
        # preview needs the whole width of the screen).
        self.template_editor = TemplateEditor(ctx)
        self.branding = BrandingBox(ctx)
        templates_body = QWidget()
        templates_layout = QVBoxLayout(templates_body)
        templates_layout.addWidget(self.branding)
        templates_layout.addWidget(self.template_editor, 1)
        editor_page = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        editor_page.setObjectName("templatesPage")
        editor_page.setWidget(templates_body)  # a scroll area: its minimum size stays its own
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(scroll, "")
        self.tabs.addTab(editor_page, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(18)

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)

        layout.addWidget(self._build_display())
        layout.addWidget(self._build_verify_address())
        layout.addWidget(self._build_users())
        layout.addWidget(self.users_note)
        layout.addWidget(self._build_about(ctx))
        layout.addStretch(1)

        self._load_values()
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.digits.currentIndexChanged.connect(self._digits_chosen)
        self.sounds.toggled.connect(lambda on: ctx.set_setting("ui.sounds", on))
        self.add_user_button.clicked.connect(self._add_user)
        self.new_password.returnPressed.connect(self._add_user)
        self.verify_save.clicked.connect(self._save_verify_address)
        self.verify_address.returnPressed.connect(self._save_verify_address)
        ctx.user_changed.connect(lambda _u: self._apply_permissions())
        self._apply_permissions()
        self.retranslate()

    def attach_sync(self, controller) -> None:
        """The Central server tab (enrol, sync state, sync now, leave), on the main window's sync."""
        from fieldapp.gui.sync.server_page import CentralServerPage

        self.server_page = CentralServerPage(self.ctx, controller)
        page = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        page.setObjectName("centralServerTab")
        page.setWidget(self.server_page)
        self.server_tab = self.tabs.addTab(page, i18n.msg("gui.server.title", self.ctx.lang))

    def show_central_server(self) -> None:
        if self.server_page is not None:
            self.tabs.setCurrentIndex(self.server_tab)

    # -- building ---------------------------------------------------------------------------
    def _build_display(self) -> QWidget:
        """Language, digits, sounds."""
        self.display_box = QGroupBox()
        form = QFormLayout(self.display_box)
        form.setSpacing(12)
        self.language = QComboBox(objectName="languageCombo")
        self.language.addItem("العربية", "ar")
        self.language.addItem("English", "en")
        self.digits = QComboBox(objectName="digitsCombo")
        self.digits.addItem("", "latin")
        self.digits.addItem("", "arabic")
        self.sounds = QCheckBox(objectName="soundsCheck")
        self.language_label, self.digits_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.digits_label.setBuddy(self.digits)
        form.addRow(self.language_label, self.language)
        form.addRow(self.digits_label, self.digits)
        form.addRow(self.sounds)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for combo in (self.language, self.digits):
            combo.setMinimumWidth(320)
        return self.display_box

    def _build_verify_address(self) -> QWidget:
        """The central server's public address that new certificates' QR opens (administrators)."""
        self.verify_box = QGroupBox(objectName="verifyAddressBox")
        box = QVBoxLayout(self.verify_box)
        self.verify_intro = QLabel(wordWrap=True)
        self.verify_intro.setProperty("role", "muted")
        box.addWidget(self.verify_intro)
        row = QHBoxLayout()
        self.verify_address = QLineEdit(objectName="verifyAddressEdit")
        self.verify_address.setPlaceholderText("https://verify.example.sa")
        self.verify_address.setMinimumWidth(420)
        self.verify_save = QPushButton(objectName="saveVerifyAddress")
        self.verify_save.setProperty("kind", "primary")
        row.addWidget(self.verify_address, 1)
        row.addWidget(self.verify_save)
        box.addLayout(row)
        self.verify_note = QLabel(wordWrap=True, objectName="verifyAddressNote")
        set_note(self.verify_note, "idle", "")
        box.addWidget(self.verify_note)
        self.verify_admin_note = QLabel(wordWrap=True)
        self.verify_admin_note.setProperty("role", "muted")
        box.addWidget(self.verify_admin_note)
        return self.verify_box

    def _build_users(self) -> QWidget:
        """The laptop's users (administrators only), and the note others see."""
        self.users_box = QGroupBox(objectName="usersBox")
        users_layout = QVBoxLayout(self.users_box)
        self.users_model: TableModel = TableModel(
            [
                Column(lambda: self.tr("اسم المستخدم"), lambda u: u.username),
                Column(lambda: self.tr("الاسم"), lambda u: u.display_name),
                Column(lambda: self.tr("الدور"), self._role_name),
                Column(
                    lambda: self.tr("الحالة"),
                    lambda u: self.tr("نشط") if u.active else self.tr("موقوف"),
                    colour=lambda u: None if u.active else "#b42318",
                ),
            ]
        )
        self.users_table = QTableView(objectName="usersTable")
        self.users_table.setModel(self.users_model)
        self.users_table.verticalHeader().hide()
        self.users_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.users_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.users_table.setMinimumHeight(160)
        users_layout.addWidget(self.users_table)
        add_row = QHBoxLayout()
        self.new_username = QLineEdit(objectName="newUsername")
        self.new_username.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.new_name = QLineEdit(objectName="newDisplayName")
        self.new_role = QComboBox(objectName="newRole")
        for role in ROLES:
            self.new_role.addItem("", role)
        self.new_password = QLineEdit(objectName="newPassword", echoMode=QLineEdit.EchoMode.Password)
        self.add_user_button = QPushButton(objectName="addUserButton")
        self.add_user_button.setProperty("kind", "primary")
        for widget in (
            self.new_username,
            self.new_name,
            self.new_role,
            self.new_password,
            self.add_user_button,
        ):
            add_row.addWidget(widget)
        users_layout.addLayout(add_row)
        self.users_error = QLabel(wordWrap=True, objectName="usersError")
        self.users_error.setProperty("role", "error")
        users_layout.addWidget(self.users_error)
        self.users_note = QLabel(wordWrap=True, objectName="usersNote")
        self.users_note.setProperty("role", "muted")
        return self.users_box

    def _build_about(self, ctx: GuiContext) -> QWidget:
        """Version, data directory, database, device code."""
        self.about_box = QGroupBox()
        about = QFormLayout(self.about_box)
        self.version_label, self.version_value = QLabel(), QLabel(__version__)
        self.data_dir_label, self.data_dir_value = QLabel(), QLabel(str(ctx.data_dir.root))
        self.db_label, self.db_value = QLabel(), QLabel(str(ctx.store.path))
        self.device_label, self.device_value = QLabel(), QLabel(ctx.store.device_code)
        for label, value in (
            (self.version_label, self.version_value),
            (self.data_dir_label, self.data_dir_value),
            (self.db_label, self.db_value),
            (self.device_label, self.device_value),
        ):
            # Paths are LTR text: keep them readable inside the RTL form.
            value.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            about.addRow(label, value)
        return self.about_box

    # -- data ---------------------------------------------------------------------------------
    def _load_values(self) -> None:
        for combo, value in ((self.language, self.ctx.lang), (self.digits, self.ctx.digits)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.sounds.blockSignals(True)
        self.sounds.setChecked(self.ctx.sounds)
        self.sounds.blockSignals(False)

    def admin(self) -> bool:
        return self.ctx.can("users.manage")

    def _apply_permissions(self) -> None:
        self.users_box.setVisible(self.admin())
        self.users_note.setVisible(not self.admin())
        edits_org = self.ctx.can("settings.edit")  # an organisation setting, as the branding
        self.verify_address.setReadOnly(not edits_org)
        self.verify_save.setVisible(edits_org)
        self.verify_admin_note.setVisible(not edits_org)

    def refresh(self) -> None:
        self._load_values()
        self.ctx.runner.db(
            self.ctx.services.settings.get, VERIFY_ADDRESS, on_done=self.verify_address.setText
        )
        if self.server_page is not None:
            self.server_page.refresh()
        if self.admin():
            self.ctx.runner.db(self.ctx.services.users.list, on_done=self.users_model.set_rows)

    def _role_name(self, user) -> str:
        return ROLE_NAMES.get(user.role, (user.role, user.role))[0 if self.ctx.lang == "ar" else 1]

    def _language_chosen(self, _index: int) -> None:
        self.ctx.set_language(self.language.currentData())

    def _digits_chosen(self, _index: int) -> None:
        self.ctx.set_digits(self.digits.currentData())

    def _save_verify_address(self) -> None:
        if not self.ctx.can("settings.edit"):
            return
        set_note(self.verify_note, "idle", "")
        self.ctx.runner.write(
            self.ctx.services.settings.set,
            VERIFY_ADDRESS,
            self.verify_address.text(),
            on_done=lambda _done: self._verify_address_saved(),
            on_error=lambda exc: set_note(self.verify_note, "error", user_message(exc)),
        )

    def _verify_address_saved(self) -> None:
        # The field shows what was kept (trimmed, no trailing slash) when the "settings" change
        # refreshes this screen; the note says what it means for the certificates.
        text = (
            self.tr("حُفظ العنوان: رمز QR في الشهادات الجديدة يفتح صفحة التحقق على الخادم.")
            if self.verify_address.text().strip()
            else self.tr("أُزيل العنوان: رمز QR في الشهادات الجديدة يحمل الرمز الموقَّع وحده.")
        )
        set_note(self.verify_note, "ok", text)

    def _add_user(self) -> None:
        self.users_error.setText("")
        self.ctx.runner.write(
            self.ctx.services.users.create,
            self.new_username.text(),
            self.new_name.text(),
            self.new_role.currentData(),
            self.new_password.text(),
            on_done=self._user_added,
            on_error=lambda exc: self.users_error.setText(user_message(exc)),
        )

    def _user_added(self, _user) -> None:
        for edit in (self.new_username, self.new_name, self.new_password):
            edit.clear()
        self.new_username.setFocus()  # ready for the next user, not left on the emptied password
        self.ctx.show_message(self.tr("أُضيف المستخدم."), "ok")  # the list refreshes on the "users" change

    # -- texts --------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الإعدادات")

    def activate(self) -> None:
        self.language.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الإعدادات"))
        self.display_box.setTitle(self.tr("اللغة والعرض"))
        self.language_label.setText(self.tr("لغة الواجهة"))
        self.language.setAccessibleName(self.tr("لغة الواجهة"))
        self.digits_label.setText(self.tr("الأرقام"))
        self.digits.setAccessibleName(self.tr("الأرقام"))
        self.digits.setItemText(0, self.tr("لاتينية (0123456789)"))
        self.digits.setItemText(1, self.tr("عربية مشرقية (٠١٢٣٤٥٦٧٨٩)"))
        self.sounds.setText(self.tr("صوت عند كل نتيجة في مكتب التسجيل"))
        self.sounds.setAccessibleName(self.sounds.text())
        self.verify_box.setTitle(self.tr("التحقق من الشهادات بالجوال"))
        self.verify_intro.setText(
            self.tr(
                "العنوان العام لخادم الجهة: يحمله رمز QR في الشهادات الجديدة، فتفتح كاميرا أي جوال صفحة "
                "التحقق منها. اتركه فارغًا ليحمل الرمز التوقيع وحده (يُتحقَّق منه في البرنامج). "
                "الشهادات المطبوعة من قبل تبقى صالحة."
            )
        )
        self.verify_address.setAccessibleName(self.tr("عنوان التحقق العام للخادم"))
        # An address reads left to right (its first letter sets the box's direction): it is held on
        # the form's side, the right in Arabic and the left in English.
        side = Qt.AlignmentFlag.AlignRight if self.ctx.is_rtl() else Qt.AlignmentFlag.AlignLeft
        self.verify_address.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        self.verify_save.setText(self.tr("حفظ العنوان"))
        self.verify_admin_note.setText(self.tr("يغيّر هذا العنوانَ مديرُ النظام."))
        self.users_box.setTitle(self.tr("مستخدمو هذا الجهاز"))
        self.users_note.setText(self.tr("إدارة المستخدمين لمدير النظام فقط."))
        lang = 0 if self.ctx.lang == "ar" else 1
        for index in range(self.new_role.count()):
            role = self.new_role.itemData(index)
            self.new_role.setItemText(index, ROLE_NAMES[role][lang])
        self.new_username.setPlaceholderText(self.tr("اسم المستخدم"))
        self.new_username.setAccessibleName(self.tr("اسم المستخدم الجديد"))
        self.new_name.setPlaceholderText(self.tr("الاسم كما يظهر"))
        self.new_name.setAccessibleName(self.tr("اسم المستخدم الجديد كما يظهر"))
        self.new_role.setAccessibleName(self.tr("دور المستخدم الجديد"))
        self.new_password.setPlaceholderText(self.tr("كلمة المرور"))
        self.new_password.setAccessibleName(self.tr("كلمة مرور المستخدم الجديد"))
        self.add_user_button.setText(self.tr("إضافة مستخدم"))
        self.users_model.retranslate()
        self.users_model.refresh_display()
        self.about_box.setTitle(self.tr("حول البرنامج"))
        self.tabs.setTabText(0, self.tr("عام"))
        self.tabs.setTabText(1, self.tr("قوالب الشهادات"))
        if self.server_page is not None:
            self.tabs.setTabText(self.server_tab, i18n.msg("gui.server.title", self.ctx.lang))
        self.branding.retranslate()
        self.template_editor.retranslate()
        self.version_label.setText(self.tr("الإصدار"))
        self.data_dir_label.setText(self.tr("مجلد البيانات"))
        self.db_label.setText(self.tr("قاعدة البيانات"))
        self.device_label.setText(self.tr("رمز الجهاز"))
