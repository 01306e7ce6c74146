"""Bootstrap: the QApplication (bundled fonts, RTL, translators, stylesheet) and the sign-in flow.

Arabic is the SOURCE language of every tr() string; English comes from
resources/translations/fieldapp_en.qm; fieldapp_ar.qm holds the six Arabic plural forms of the %n
strings. Qt's own qtbase_ar.qm makes standard buttons Arabic.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldapp import __version__
from fieldapp.config import DataDir
from fieldapp.core import i18n
from fieldapp.core.errors import FieldAppError
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Runner, ThreadRunner
from fieldapp.paths import font_path, translations_dir
from fieldapp.services import Services
from fieldapp.store.db import Store

if TYPE_CHECKING:
    from fieldapp.services.setup import Opening

log = logging.getLogger("fieldapp.gui")

_translators: list[QTranslator] = []
_fonts_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled fonts (never rely on system fonts: test machines only have DejaVu)."""
    if not _fonts_loaded:
        for name in theme.FONT_FILES:
            path = font_path(name)
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("could not load font %s", path)
            else:
                _fonts_loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _fonts_loaded


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def switch_language(lang: str) -> None:
    """Install the translators of `lang`, flip the layout direction and the default locale.

    Qt sends a LanguageChange event to every widget; screens get GuiContext.language_changed.
    """
    app = QApplication.instance()
    assert app is not None
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang == "ar":
        qt = QTranslator(app)
        if qt.load("qtbase_ar", str(qt_translations_dir())) or qt.load("qtbase_ar", str(translations_dir())):
            _translators.append(qt)
        else:
            log.warning("qtbase_ar.qm not found: standard buttons stay English")
    # fieldapp_<lang>.qm (scripts/build_qt.py: the English texts; in Arabic the plural forms of the
    # %n strings), and any extra *_<lang>.qm dropped beside it.
    files = sorted(path for path in translations_dir().glob(f"*_{lang}.qm") if not path.name.startswith("qt"))
    for path in files:
        own = QTranslator(app)
        if own.load(str(path)):
            _translators.append(own)
    if not files:
        log.warning("no *_%s.qm translations found", lang)
    for translator in _translators:
        app.installTranslator(translator)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(QLocale("ar_SA") if lang == "ar" else QLocale("en_US"))
    i18n.set_language(lang)


def create_app(argv: Sequence[str] | None = None, lang: str = "ar") -> QApplication:
    """The QApplication, ready: fonts, stylesheet, translators and direction for `lang`."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("FieldApp")
    app.setApplicationDisplayName("ميدان")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("FieldApp")
    load_fonts()
    font = QFont(theme.UI_FONT)
    font.setPointSize(theme.BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyle("Fusion")  # the same look on every laptop (and offscreen)
    app.setStyleSheet(theme.stylesheet())
    switch_language(lang)
    return app


def configure_logging(data_dir: DataDir) -> Path:
    """Tracebacks of unexpected errors go to DATA_DIR/logs/fieldapp.log (rotating)."""
    logs = data_dir.root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / "fieldapp.log"
    root = logging.getLogger("fieldapp")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def install_error_handlers(runner: Runner, window_getter) -> None:
    """FieldAppError: the message in the user's language; anything else: a calm generic message."""
    from fieldapp.gui.widgets import show_error

    def user_error(exc: BaseException) -> None:
        show_error(window_getter(), exc)

    runner.error_handler = user_error
    runner.unexpected_handler = user_error


class Shell(QObject):
    """The sign-in flow around the main window: first run → login (or remembered user) → window → lock.

    Every read it needs (is this laptop new? who stays signed in? the settings) runs on the
    database thread: `start()` returns at once and the first window appears when the answer arrives.
    """

    window_opened = Signal(object)  # MainWindow
    login_shown = Signal(object)  # LoginDialog

    def __init__(
        self, store: Store, runner: Runner, data_dir: DataDir | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.runner = runner
        self.data_dir = data_dir or DataDir(store.path.parent)
        self.lang = lang  # --lang: the language of this run's sign-in screens (else the stored one)
        self.window = None
        self.login = None
        self.wizard = None
        self.ctx: GuiContext | None = None
        self.services = Services(store, None)  # nobody is signed in: reads, sign-in and first run
        install_error_handlers(runner, lambda: self.window or self.login or self.wizard)

    def start(self) -> None:
        self.runner.db(self.services.setup.opening, on_done=self._opened)

    def _opened(self, opening: Opening) -> None:
        lang = self.lang or opening.settings.get("ui.language", "ar")
        if lang != i18n.language():
            switch_language(lang)
        if opening.first_run:
            self.show_first_run()
        elif opening.remembered is not None:
            self._build_main(opening.remembered, opening.settings)
        else:
            self.show_login()

    def show_first_run(self) -> None:
        from fieldapp.gui.login import FirstRunWizard

        self.wizard = FirstRunWizard(self.store, self.runner)
        self.wizard.finished_with_user.connect(self._wizard_done)
        self.wizard.show()

    def _wizard_done(self, user) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.close()
            wizard.deleteLater()
        if user is None:
            self.show_login()
        else:
            self.open_main(user)

    def show_login(self) -> None:
        from fieldapp.gui.login import LoginDialog

        self.login = LoginDialog(self.store, self.runner)
        self.login.signed_in.connect(self._login_done)
        self.login.show()
        self.login.activate()
        self.login_shown.emit(self.login)

    def _login_done(self, user) -> None:
        login, self.login = self.login, None
        if login is not None:
            login.close()
            login.deleteLater()
        self.open_main(user)

    def open_main(self, user) -> None:
        """The main window for `user`, once the settings are read (on the database thread)."""
        self.runner.db(self.services.settings.all, on_done=lambda settings: self._build_main(user, settings))

    def _build_main(self, user, settings: dict) -> None:
        from fieldapp.gui.main_window import MainWindow

        self.ctx = GuiContext(self.store, self.runner, self.data_dir, user, settings=settings)
        self.ctx.language_switcher = switch_language
        if self.ctx.lang != i18n.language() or QApplication.layoutDirection() != (
            Qt.LayoutDirection.RightToLeft if self.ctx.lang == "ar" else Qt.LayoutDirection.LeftToRight
        ):
            switch_language(self.ctx.lang)
        self.window = MainWindow(self.ctx)
        self.window.lock_requested.connect(self.lock)
        self.window.show()
        self.window.open_start_screen()
        self.window_opened.emit(self.window)

    def lock(self) -> None:
        """Back to the login screen; "stay signed in" is cleared so the laptop no longer opens by itself."""
        window, ctx = self.window, self.ctx
        self.window = None
        if ctx is not None and ctx.user is not None:
            self.runner.write(ctx.services.users.sign_out, ctx.user.id)
        if window is not None:
            window.close()
            window.deleteLater()
        self.show_login()


def _fatal(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("App", "ميدان"), text, parent=parent)
    box.exec()


def run_gui(data_dir: DataDir, lang: str | None = None) -> int:
    """Open the app on `data_dir`: first-run wizard, login or the remembered user, then the main window."""
    configure_logging(data_dir)
    app = create_app(sys.argv[:1], lang or "ar")
    try:
        store = Store.open(data_dir.database, data_dir.backups)
    except FieldAppError as exc:
        _fatal(None, exc.message(i18n.language()))
        return 2
    runner = ThreadRunner()
    try:
        shell = Shell(store, runner, data_dir, lang)
        shell.start()  # reads on the database thread; the first window opens when they arrive
        return app.exec()
    finally:
        runner.shutdown()
        store.close()
