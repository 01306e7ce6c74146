"""The base of every screen in the main window.

    class DeskScreen(Screen):
        key = "desk"
        topics = frozenset({"scans", "people"})   # refresh when a write touches these
        required_action = None                     # or e.g. "settings.edit": greyed out otherwise

        def __init__(self, ctx):
            super().__init__(ctx)
            ...build widgets; call self.tr("نص عربي") for every visible string...

        def title(self): return self.tr("مكتب التسجيل")
        def refresh(self): self.ctx.runner.db(self.ctx.services..., on_done=self._show)
        def activate(self): self.scan_field.setFocus()
        def retranslate(self): ...re-set texts after a language switch...

A change published while the screen is hidden only marks it stale; it refreshes when shown again.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from fieldapp.core import i18n
from fieldapp.gui.context import GuiContext
from fieldapp.services import Changed

# A screen added with sync (issue 9): its title in both languages through core.i18n.
i18n.register({"nav.review": ("المراجعة", "Review")})


def default_title(key: str) -> str:
    """Navigation titles of the known screens (also used by placeholders)."""
    titles = {
        "dashboard": QCoreApplication.translate("Navigation", "لوحة المتابعة"),
        "desk": QCoreApplication.translate("Navigation", "مكتب التسجيل"),
        "gifts": QCoreApplication.translate("Navigation", "الهدايا"),
        "visits": QCoreApplication.translate("Navigation", "الزيارات"),
        "people": QCoreApplication.translate("Navigation", "الأشخاص"),
        "events": QCoreApplication.translate("Navigation", "الفعاليات"),
        "certificates": QCoreApplication.translate("Navigation", "الشهادات"),
        "partners": QCoreApplication.translate("Navigation", "الجهات والشراكات"),
        "settings": QCoreApplication.translate("Navigation", "الإعدادات"),
        "review": i18n.msg("nav.review"),
    }
    return titles.get(key, key)


class Screen(QWidget):
    #: registry key ("desk", "gifts"...); set by the subclass (or by the registry for placeholders)
    key: ClassVar[str] = ""
    #: Changed topics this screen shows; a publish touching any of them refreshes it
    topics: ClassVar[frozenset[str]] = frozenset()
    #: a permission (core.permissions action) needed to open the screen, or None for everyone
    required_action: ClassVar[str | None] = None

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True  # never loaded yet: the first activation refreshes
        self.setObjectName(f"screen_{self.key or type(self).__name__}")
        ctx.notifier.changed.connect(self.on_changed)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    # -- to override --------------------------------------------------------------------------
    def title(self) -> str:
        return default_title(self.key)

    def icon(self) -> QIcon:
        return QIcon()

    def refresh(self) -> None:
        """Reload what the screen shows, through ctx.runner (never block the UI thread)."""

    def activate(self) -> None:
        """The screen was just shown: put keyboard focus where the user will type."""

    def retranslate(self) -> None:
        """The UI language changed: set every visible text again."""

    def on_changed(self, changed: Changed) -> None:
        if not (changed.topics & self.topics):
            return
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    # -- called by the main window ------------------------------------------------------------
    def enter(self) -> None:
        """Shown: refresh if something changed meanwhile (or never loaded), then activate()."""
        if self._stale:
            self._stale = False
            self.refresh()
        self.activate()

    def mark_stale(self) -> None:
        self._stale = True

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """A button or field that hid or greyed itself after use («اجعلها الفعالية الحالية», «إلغاء
        التسليم», a search field replaced by its choice) had the focus: Qt passed it on to whatever
        came next in the chain — the navigation, or an unrelated table — and ↓ or typing went there.
        Focus goes back where this screen is worked from (activate())."""
        if old is None or not self.isVisible() or not self.isAncestorOf(old):
            return
        if old.isVisible() and old.isEnabled():
            return  # moved on purpose: Tab, a click, a screen of its own choosing
        if not old.window().isVisible():
            return
        self.activate()


class PlaceholderScreen(Screen):
    """Stands in for a screen that is deliberately not built yet (see screens_registry), or a broken one."""

    def __init__(self, ctx: GuiContext, key: str, parent: QWidget | None = None) -> None:
        self._key = key
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.label.setObjectName("placeholder")
        layout.addWidget(self.label)
        self.retranslate()

    @property  # type: ignore[override]
    def key(self) -> str:  # the registry key this placeholder stands for
        return self._key

    def title(self) -> str:
        return default_title(self._key)

    def retranslate(self) -> None:
        self.label.setText(
            QCoreApplication.translate("PlaceholderScreen", "«{0}» قيد الإنشاء").format(self.title())
        )


class BrokenScreen(PlaceholderScreen):
    """Stands in for a screen that failed to load (a bug, logged with its traceback): says so plainly."""

    def __init__(
        self, ctx: GuiContext, key: str, error: BaseException, parent: QWidget | None = None
    ) -> None:
        self.error = error
        super().__init__(ctx, key, parent)
        self.label.setObjectName("brokenScreen")
        self.label.setWordWrap(True)

    def retranslate(self) -> None:
        self.label.setText(
            QCoreApplication.translate(
                "BrokenScreen", "تعذّر فتح «{0}» بسبب خطأ في البرنامج، وسُجّل الخطأ في سجل البرنامج.\n{1}"
            ).format(self.title(), f"{type(self.error).__name__}: {self.error}")
        )
