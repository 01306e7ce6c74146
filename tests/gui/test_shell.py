"""The shell a coordinator meets: Arabic right-to-left, navigation keys, language switch, login, lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.gui.app import Shell
from fieldapp.gui.runner import SyncRunner
from fieldapp.gui.screen import PlaceholderScreen
from fieldapp.gui.screens_registry import screen_factories
from fieldapp.gui.widgets import ResultItem, ResultsList, SearchField
from fieldapp.services import Changed, Services

NAV_KEYS = [
    "dashboard",
    "desk",
    "gifts",
    "visits",
    "people",
    "events",
    "settings",
    "certificates",
    "partners",
    "review",
]


def test_arabic_right_to_left_by_default_with_navigation_on_the_right(main_window):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert main_window.isRightToLeft()
    nav_x = main_window.nav.mapTo(main_window, main_window.nav.rect().topLeft()).x()
    stack_x = main_window.stack.mapTo(main_window, main_window.stack.rect().topLeft()).x()
    assert nav_x > stack_x
    assert [main_window.nav.item(i).text() for i in (1, 6)] == ["مكتب التسجيل", "الإعدادات"]


def test_standard_buttons_come_from_qtbase_ar(gui_app):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "")
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    assert ok != "OK" and "ح" in ok
    assert cancel != "Cancel"


def test_switching_to_english_flips_to_left_to_right_and_back(main_window, gui_ctx):
    gui_ctx.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert main_window.nav.item(6).text() == "Settings"
    assert main_window.lock_action.text() == "Lock"
    assert Services(gui_ctx.store, None).settings.get("ui.language") == "en"
    gui_ctx.set_language("ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert main_window.nav.item(6).text() == "الإعدادات"


def test_ctrl_digits_navigate_and_the_window_opens_on_the_desk(main_window, qtbot):
    assert main_window.current_key() == "desk"
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=2000)
    for index, key in enumerate(NAV_KEYS[:9]):  # Ctrl+1…9; the review screen has no shortcut
        qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{index + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_key() == key
        assert main_window.stack.currentWidget() is main_window.screens[key]


def test_registry_order_and_every_screen_is_the_real_one(gui_ctx, qtbot):
    factories = screen_factories()
    assert [key for key, _ in factories] == NAV_KEYS
    screens = {key: factory(gui_ctx) for key, factory in factories}
    for screen in screens.values():
        qtbot.addWidget(screen)  # closed and deleted by Qt at teardown, not whenever Python's GC runs
    assert type(screens["settings"]).__name__ == "SettingsScreen"
    for key, screen in screens.items():
        assert not isinstance(screen, PlaceholderScreen), key  # no screen is "under construction"
        assert screen.key == key


def test_a_screen_that_fails_to_load_is_an_error_not_a_placeholder(gui_ctx, monkeypatch, caplog):
    from fieldapp.gui import screens_registry
    from fieldapp.gui.screen import BrokenScreen

    _key, build = screens_registry._screen("gifts", "fieldapp.gui.no_such_screen", "GiftsScreen")
    with pytest.raises(ModuleNotFoundError):  # tests are strict: it fails loudly
        build(gui_ctx)
    monkeypatch.setattr(screens_registry, "strict", False)  # the app: logged, and shown as what it is
    screen = build(gui_ctx)
    assert isinstance(screen, BrokenScreen)
    assert "قيد الإنشاء" not in screen.label.text() and "ModuleNotFoundError" in screen.label.text()
    record = next(r for r in caplog.records if "could not be loaded" in r.getMessage())
    assert record.levelname == "ERROR" and record.exc_info is not None


@pytest.fixture
def shell(store, gui_app, qtbot, tmp_path):
    from fieldapp.config import DataDir

    runner = SyncRunner()
    shell = Shell(store, runner, DataDir(tmp_path))
    yield shell
    for widget in (shell.window, shell.login, shell.wizard):
        if widget is not None:
            widget.close()


def test_lock_returns_to_login_and_forgets_stay_signed_in(shell, store, admin_user, qtbot):
    Services(store, None).users.sign_in("sara", "secret123", stay_signed_in=True)
    shell.start()  # remembered: straight to the main window
    assert shell.window is not None and shell.login is None
    shell.window.lock_action.trigger()
    assert shell.window is None
    assert shell.login is not None and shell.login.isVisible()
    assert Services(store, None).users.remembered() is None


def test_wrong_password_shows_the_arabic_error(shell, admin_user, qtbot):
    shell.start()
    login = shell.login
    qtbot.keyClicks(login.ui.usernameEdit, "sara")
    qtbot.keyClicks(login.ui.passwordEdit, "wrong-password")
    qtbot.keyClick(login.ui.passwordEdit, Qt.Key.Key_Return)
    assert login.error_text() == "اسم المستخدم أو كلمة المرور غير صحيحة."
    assert shell.window is None
    login.ui.passwordEdit.setText("secret123")
    login.ui.signInButton.click()
    assert shell.window is not None and shell.window.ctx.user.username == "sara"


def test_first_run_wizard_creates_the_organisation_and_admin(shell, store, qtbot):
    from fieldapp.store.models import Organisation

    shell.start()
    wizard = shell.wizard
    assert wizard is not None
    wizard.create_button.click()
    values = ["أمانة محافظة الطائف", "taif", "الطائف", "fahad", "فهد الدوسري", "secret123", "secret123"]
    for edit, value in zip(wizard._edits, values, strict=True):
        assert edit.accessibleName()
        edit.setText(value)  # QTest.keyClicks aborts on non-Latin characters
    wizard.save_button.click()
    assert shell.window is not None
    assert shell.window.ctx.user.role == "admin"
    with store.reader() as r:
        org = r.query(Organisation).one()
        assert (org.name, org.short_code, org.city) == ("أمانة محافظة الطائف", "TAIF", "الطائف")


def test_first_run_wizard_refuses_mismatched_passwords(shell, store, qtbot):
    shell.start()
    wizard = shell.wizard
    wizard.create_button.click()
    for edit, value in zip(
        wizard._edits, ["م", "TAIF", "", "fahad", "فهد", "secret123", "other123"], strict=True
    ):
        edit.setText(value)
    wizard.save_button.click()
    assert "غير متطابقتين" in wizard.error_label.text()
    assert Services(store, None).users.count() == 0


def test_coordinator_cannot_open_admin_settings(main_window, gui_ctx, make_user):
    coordinator = make_user(gui_ctx, "coordinator")
    gui_ctx.set_user(coordinator)
    assert main_window.show_screen("settings")
    settings = main_window.screens["settings"]
    assert not settings.users_box.isVisible()
    assert settings.users_note.isVisible()
    # and the service refuses even if the form were reached
    with pytest.raises(PermissionDenied):
        gui_ctx.services.users.create("x_user", "س", "coordinator", "secret123")


def test_admin_adds_a_user_from_settings(main_window, gui_ctx, qtbot):
    main_window.show_screen("settings")
    screen = main_window.screens["settings"]
    qtbot.keyClicks(screen.new_username, "khalid")
    screen.new_name.setText("خالد الزهراني")
    qtbot.keyClicks(screen.new_password, "secret123")
    screen.add_user_button.click()
    assert [u.username for u in Services(gui_ctx.store, None).users.list()] == ["khalid", "sara"]
    assert [r.username for r in screen.users_model.rows] == ["khalid", "sara"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_admin_sets_the_public_verification_address_in_settings(main_window, gui_ctx, qtbot, make_user, lang):
    gui_ctx.set_language(lang)
    main_window.show_screen("settings")
    screen = main_window.screens["settings"]
    stored = lambda: Services(gui_ctx.store, None).settings.get("certificates.verify_address")  # noqa: E731
    side = Qt.AlignmentFlag.AlignRight if lang == "ar" else Qt.AlignmentFlag.AlignLeft  # the form's side
    assert screen.verify_address.alignment() & side
    # Wrong: said plainly in the UI's language, nothing saved.
    qtbot.keyClicks(screen.verify_address, "verify.example.sa")
    qtbot.keyClick(screen.verify_address, Qt.Key.Key_Return)
    assert stored() == ""
    assert screen.verify_note.isVisible()
    wrong = "عنوان التحقق العام غير صالح" if lang == "ar" else "verification address is not valid"
    assert wrong in screen.verify_note.text() and "https://" in screen.verify_note.text()
    # Right: saved as the QR will carry it, the field shows what was kept.
    screen.verify_address.clear()
    qtbot.keyClicks(screen.verify_address, " https://verify.example.sa/ ")
    qtbot.mouseClick(screen.verify_save, Qt.MouseButton.LeftButton)
    assert stored() == "https://verify.example.sa"
    assert screen.verify_address.text() == "https://verify.example.sa"
    assert screen.verify_note.property("note") == "ok" and "QR" in screen.verify_note.text()
    # A coordinator sees it, and cannot change it.
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    assert screen.verify_address.isReadOnly() and not screen.verify_save.isVisible()
    qtbot.keyClick(screen.verify_address, Qt.Key.Key_Return)
    assert stored() == "https://verify.example.sa"


def test_enter_signs_in_once_and_enter_in_the_user_name_only_moves_on(gui_app, store, admin_user, qtbot):
    """Enter in the password field signs in ONCE (the field's Enter and the dialog's default button
    both answered it: `signed_in` twice, two sign-ins); Enter in the user name goes to the password
    without a «type your password» scolding."""
    from fieldapp.gui.login import LoginDialog

    runner = SyncRunner()  # inline: the first sign-in is done before the key event goes on
    login = LoginDialog(store, runner)
    qtbot.addWidget(login)
    login.show()
    signed = []
    login.signed_in.connect(signed.append)
    qtbot.keyClicks(login.ui.usernameEdit, "sara")
    qtbot.keyClick(login.ui.usernameEdit, Qt.Key.Key_Return)
    assert signed == [] and login.error_text() == ""
    qtbot.keyClicks(login.ui.passwordEdit, "secret123")
    qtbot.keyClick(login.ui.passwordEdit, Qt.Key.Key_Return)
    assert [u.username for u in signed] == ["sara"]
    # The button still signs in by keyboard when it has the focus (a demo account filled in).
    login.ui.signInButton.setFocus()
    qtbot.keyClick(login.ui.signInButton, Qt.Key.Key_Return)
    assert [u.username for u in signed] == ["sara", "sara"]


def test_runner_routes_user_errors_and_delivers_results(gui_ctx):
    got, errors, default = [], [], []

    def fail():
        raise ValidationError("user.bad_login")

    gui_ctx.runner.error_handler = default.append
    gui_ctx.runner.db(lambda a, b: a + b, 2, 3, on_done=got.append)
    gui_ctx.runner.db(fail, on_error=errors.append)
    gui_ctx.runner.db(fail)
    assert got == [5]
    assert len(errors) == 1 and len(default) == 1
    assert errors[0].message("ar") == "اسم المستخدم أو كلمة المرور غير صحيحة."


def test_unexpected_errors_are_logged_and_shown_calmly(gui_ctx, caplog):
    runner = SyncRunner(raise_unexpected=False)
    shown = []
    runner.unexpected_handler = shown.append
    runner.db(lambda: 1 / 0)
    assert len(shown) == 1 and isinstance(shown[0], ZeroDivisionError)
    assert "ZeroDivisionError" in caplog.text


def test_publish_refreshes_only_screens_that_show_the_topic(main_window, gui_ctx):
    settings = main_window.screens["settings"]
    main_window.show_screen("settings")
    calls = []
    settings.refresh = lambda: calls.append("refresh")
    gui_ctx.publish(Changed.of("gifts"))
    assert calls == []
    gui_ctx.publish(Changed.of("users"))
    assert calls == ["refresh"]


def test_search_field_scanner_burst_submits_at_once(gui_app, qtbot):
    field = SearchField()
    qtbot.addWidget(field)
    queries, submitted = [], []
    field.query_changed.connect(queries.append)
    field.submitted.connect(submitted.append)
    qtbot.keyClicks(field, "1000000008")  # the scanner's burst
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert submitted == ["1000000008"]
    field.setText("١٠٠٠٠٠٠٠٠٨")  # typed with Arabic-Indic digits
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert submitted == ["1000000008", "1000000008"]
    qtbot.wait(200)
    assert queries == []  # Enter cancelled the pending debounce
    qtbot.keyClicks(field, "x")
    qtbot.waitUntil(lambda: queries == ["1000000008x"], timeout=1000)


def test_results_list_follows_the_keyboard_from_the_search_field(gui_app, qtbot):
    field, results = SearchField(), ResultsList()
    qtbot.addWidget(field)
    qtbot.addWidget(results)
    results.attach_to(field)
    chosen = []
    results.chosen.connect(chosen.append)
    field.submitted.connect(lambda q: results.choose_current() or chosen.append(f"scan:{q}"))
    results.set_results(
        [ResultItem("a", "عبدالله بن خميس الزايدي", "1000000008"), ResultItem("b", "مُحَمَّد عَلِيّ")]
    )
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert chosen == ["scan:"]
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert chosen == ["scan:", "b"]


def test_id_field_stays_right_aligned_in_rtl_and_reads_arabic_digits(gui_app, qtbot):
    from fieldapp.gui.widgets import IdLineEdit

    edit = IdLineEdit()
    qtbot.addWidget(edit)
    assert edit.alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert edit.alignment() & Qt.AlignmentFlag.AlignRight
    edit.setText("٠٥٠ ١٢٣ ٤٥٦٧")
    assert edit.value() == "0501234567"
    assert isinstance(edit, QLineEdit)


def test_runner_refuses_a_write_through_db_and_a_read_through_write(gui_ctx):
    from fieldapp.core.errors import ContractError

    with pytest.raises(ContractError):
        gui_ctx.runner.db(gui_ctx.services.settings.set, "ui.sounds", False)
    with pytest.raises(ContractError):
        gui_ctx.runner.write(gui_ctx.services.settings.get, "ui.sounds")


def test_a_write_through_the_runner_publishes_what_it_changed(gui_ctx):
    published, done = [], []
    gui_ctx.notifier.changed.connect(published.append)
    gui_ctx.runner.write(gui_ctx.services.settings.set, "ui.sounds", False, on_done=done.append)
    assert len(done) == 1 and "settings" in done[0].changed.topics
    assert [c.topics for c in published] == [done[0].changed.topics]  # once, after on_done, by the runner
