"""What every screen gets: one `GuiContext` per main window.

ctx.services            # Services bound to the signed-in user's Actor (rebinds on set_user)
ctx.runner.db(ctx.services.people.search, q, on_done=...)   # never call services on the UI thread
ctx.runner.write(ctx.services.people.update, ..., on_done=...)   # writes: the runner publishes
ctx.notifier.changed    # Signal(object) carrying fieldapp.services.Changed: every write's `changed`
ctx.current_event_id / ctx.set_current_event(id) / ctx.current_event_changed
ctx.fmt_date(d), ctx.fmt_time(t), ctx.fmt_datetime(t), ctx.fmt_number(n), ctx.fmt_hours(h)
ctx.can("void")         # greys out what the role may not do (the services still check)
ctx.show_message(text, level)   # status bar: level "info" | "ok" | "warning" | "error"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fieldapp.config import SETTINGS, DataDir
from fieldapp.core import dates, i18n
from fieldapp.core.permissions import Actor, allowed
from fieldapp.services import Changed, Services
from fieldapp.store.db import Store

if TYPE_CHECKING:
    from fieldapp.gui.runner import Runner
    from fieldapp.services.users import UserView


def defaults() -> dict[str, Any]:
    """Every setting at its default (config.SETTINGS), until the stored values are read."""
    return {key: setting.default for key, setting in SETTINGS.items()}


class Notifier(QObject):
    """One signal for 'something changed': screens refresh on the topics they show."""

    changed = Signal(object)  # fieldapp.services.Changed


class GuiContext(QObject):
    current_event_changed = Signal(object)  # event id (str) or None
    user_changed = Signal(object)  # UserView or None
    language_changed = Signal(str)  # "ar" | "en", after translators and layout direction switched
    digits_changed = Signal(str)
    message = Signal(str, str)  # text, level: shown in the main window's status bar

    def __init__(
        self,
        store: Store,
        runner: Runner,
        data_dir: DataDir | None = None,
        user: UserView | None = None,
        settings: Mapping[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """settings: what the shell read at start-up (services.setup.opening); None reads them
        through the runner (the defaults stand in until they arrive)."""
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.data_dir = data_dir or DataDir(store.path.parent)
        self.notifier = Notifier(self)
        runner.changed.connect(self.notifier.changed)  # the write contract: the runner publishes
        self.user: UserView | None = None
        self.services = Services(store, None)  # nobody signed in yet: reads only
        # Settings cache: read once at start (small, local), updated by the setters below.
        self.settings: dict[str, Any] = dict(settings) if settings is not None else defaults()
        self._changed_here: set[str] = set()  # keys set before a pending read arrived: kept
        self._current_event_id: str | None = self.settings.get("desk.current_event_id")
        # Called by set_language to re-install translators; app.py wires it (kept here to avoid a cycle).
        self.language_switcher: Callable[[str], None] | None = None
        if user is not None:
            self.set_user(user)
        if settings is None:
            runner.db(self.services.settings.all, on_done=self._settings_loaded)

    def _settings_loaded(self, stored: dict[str, Any]) -> None:
        lang, digits = self.lang, self.digits
        self.settings.update({k: v for k, v in stored.items() if k not in self._changed_here})
        if self._current_event_id is None and self.settings.get("desk.current_event_id"):
            self.set_current_event(self.settings["desk.current_event_id"])
        if self.lang != lang:
            self.set_language(self.lang, persist=False)
        if self.digits != digits:
            self.set_digits(self.digits, persist=False)

    # -- who ----------------------------------------------------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self.services.actor

    def set_user(self, user: UserView | None) -> None:
        self.user = user
        self.services = Services(self.store, user.actor if user is not None else None)
        self.user_changed.emit(user)

    def can(self, action: str) -> bool:
        return self.user is not None and allowed(self.user.role, action)

    # -- changes ------------------------------------------------------------------------------
    def publish(self, changed: Changed | Any) -> None:
        """Tell every screen about a change that is not a service write (a display setting).
        Service writes are published by the runner itself (runner.write)."""
        if not isinstance(changed, Changed):
            changed = getattr(changed, "changed", None)
        if isinstance(changed, Changed) and changed.topics:
            self.notifier.changed.emit(changed)

    def show_message(self, text: str, level: str = "info") -> None:
        self.message.emit(text, level)

    # -- current event ------------------------------------------------------------------------
    @property
    def current_event_id(self) -> str | None:
        return self._current_event_id

    def set_current_event(self, event_id: str | None) -> None:
        if event_id == self._current_event_id:
            return
        self._current_event_id = event_id
        self.current_event_changed.emit(event_id)

    # -- language and digits ------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.settings.get("ui.language", "ar")

    @property
    def digits(self) -> str:
        return self.settings.get("ui.digits", "latin")

    @property
    def sounds(self) -> bool:
        return bool(self.settings.get("ui.sounds", True))

    def is_rtl(self) -> bool:
        return self.lang == "ar"

    def set_language(self, lang: str, persist: bool = True) -> None:
        """Switch the UI language live: translators, layout direction, every screen retranslated."""
        self._cache("ui.language", lang)
        i18n.set_language(lang)
        if self.language_switcher is not None:
            self.language_switcher(lang)
        if persist:
            self.runner.write(self.services.settings.set, "ui.language", lang)
        self.language_changed.emit(lang)

    def set_digits(self, digits: str, persist: bool = True) -> None:
        self._cache("ui.digits", digits)
        self.digits_changed.emit(digits)
        if persist:
            self.runner.write(self.services.settings.set, "ui.digits", digits)  # publishes "settings"
        else:
            self.publish(Changed.of("settings"))  # a display change only: nothing written

    def set_setting(self, key: str, value: Any) -> None:
        """A personal setting (ui.sounds...): cached now, saved on the DB thread."""
        self._cache(key, value)
        self.runner.write(self.services.settings.set, key, value)

    def _cache(self, key: str, value: Any) -> None:
        self.settings[key] = value
        self._changed_here.add(key)

    # -- formatting (UI language + chosen digits) ---------------------------------------------
    def fmt_date(self, d: dt.date | dt.datetime) -> str:
        """'1 شوال 1446 هـ الموافق 30 مارس 2025 م' (Umm al-Qura first, as official documents)."""
        if isinstance(d, dt.datetime):
            d = dates.to_local(d).date()
        return dates.format_dual(d, self.lang, self.digits)

    def fmt_hijri(self, d: dt.date | dt.datetime) -> str:
        if isinstance(d, dt.datetime):
            d = dates.to_local(d).date()
        return dates.format_hijri(d, self.lang, self.digits)

    def fmt_gregorian(self, d: dt.date | dt.datetime) -> str:
        if isinstance(d, dt.datetime):
            d = dates.to_local(d).date()
        return dates.format_gregorian(d, self.lang, self.digits)

    def fmt_time(self, t: dt.datetime) -> str:
        """Riyadh 24-hour time, '14:05'."""
        return dates.format_time(t, self.lang, self.digits)

    def fmt_datetime(self, t: dt.datetime) -> str:
        """'1 شوال 1446 هـ الموافق 30 مارس 2025 م، 14:05'."""
        sep = "، " if self.lang == "ar" else ", "
        return self.fmt_date(t) + sep + self.fmt_time(t)

    def fmt_when(self, t: dt.datetime) -> str:
        """A moment in one table cell: '20 جمادى الآخرة 1448 هـ (2026-11-30) 06:49', brackets and
        the LTR date and time in their places in either language."""
        from fieldapp.gui.widgets.inputs import bracketed, ltr  # late: widgets import this module

        greg = self.fmt_digits(dates.to_local(t).strftime("%Y-%m-%d"))
        return f"{bracketed(self.fmt_hijri(t), greg)} {ltr(self.fmt_time(t))}"

    def fmt_time_range(self, start: dt.datetime, end: dt.datetime) -> str:
        """'12 جمادى الآخرة 1448 هـ (22 نوفمبر 2026 م)، 08:00–20:00' (the end's date added when it differs)."""
        from fieldapp.gui.widgets.inputs import ltr  # late: widgets import this module

        a, b = dates.to_local(start), dates.to_local(end)
        day = f"{self.fmt_hijri(a)} ({self.fmt_gregorian(a)})"
        times = ltr(f"{self.fmt_time(a)}–{self.fmt_time(b)}")  # one LTR run, not "20:00–08:00"
        if b.date() != a.date():
            times = f"{ltr(self.fmt_time(a))} – {self.fmt_hijri(b)} ({self.fmt_gregorian(b)}) {ltr(self.fmt_time(b))}"
        return f"{day}، {times}" if self.lang == "ar" else f"{day}, {times}"

    def fmt_quantity(self, n: int, unit: str) -> str:
        """«درع: 37» — a typed unit cannot agree with a number (core.i18n.quantity says why)."""
        return i18n.quantity(self.fmt_number(n), unit)

    def fmt_gift_quantity(self, name: str, n: int, unit: str) -> str:
        """«درع تذكاري: 37», «تمر — كرتون: 8»."""
        return i18n.gift_quantity(name, self.fmt_number(n), unit)

    def fmt_number(self, n: float | int, decimals: int = 0, trim: bool = False) -> str:
        """Grouped digits: 12,345 / ١٢٬٣٤٥ (Arabic-Indic uses the Arabic separators).

        trim: drop trailing zeros of the decimals (457.5, 457.75, 457 — never 457.50).
        """
        text = f"{n:,.{decimals}f}"
        if trim and "." in text:
            text = text.rstrip("0").rstrip(".")
        if self.digits == "arabic":
            text = dates.to_arabic_indic(text).replace(",", "٬").replace(".", "٫")
        return text

    def fmt_hours(self, hours: float) -> str:
        return dates.format_hours(hours, self.lang, self.digits)

    def fmt_digits(self, text: str) -> str:
        """Any text with its 0-9 shown in the chosen digits (ids, serials stay as they are: don't use there)."""
        return dates.to_arabic_indic(text) if self.digits == "arabic" else text
