"""Visit cards and the day / week agendas (Saudi week Sunday→Saturday, Friday and Saturday shaded)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.inputs import ltr
from fieldapp.services.visits import VisitView


def status_chip(ctx: GuiContext, status: str, compact: bool = False) -> QLabel:
    """A visit's status as a coloured chip (colours: theme.VISIT_STATUS_STYLE)."""
    from fieldapp.core.visits import status_label

    chip = QLabel(status_label(status, ctx.lang))
    chip.setObjectName("statusChip")
    chip.setProperty("visitStatus", status)
    chip.setProperty("compact", compact)
    return chip


def time_range(ctx: GuiContext, v: VisitView) -> str:
    return ltr(f"{ctx.fmt_time(v.planned_start)}–{ctx.fmt_time(v.planned_end)}")


def gifts_text(ctx: GuiContext, v: VisitView) -> str:
    sep = "، " if ctx.lang == "ar" else ", "
    return sep.join(f"{g.gift_name}: {ctx.fmt_number(g.quantity)}" for g in v.planned_gifts)


def handed_text(ctx: GuiContext, v: VisitView) -> str:
    sep = "، " if ctx.lang == "ar" else ", "
    return sep.join(ctx.fmt_gift_quantity(g.gift_name, g.quantity, g.unit) for g in v.handed_gifts)


def team_text(ctx: GuiContext, v: VisitView) -> str:
    sep = "، " if ctx.lang == "ar" else ", "
    return sep.join(p.name for p in v.team)


class VisitCard(QFrame):
    """One visit: time, status chip, clash marker, body and title; team and gifts when not compact."""

    def __init__(self, ctx: GuiContext, visit: VisitView, compact: bool = False) -> None:
        super().__init__()
        self.visit = visit
        self.setObjectName("visitCard")
        # Styled by the theme (theme._visits) through these properties.
        self.setProperty("clash", visit.has_clash)
        self.setProperty("compact", compact)
        self.setProperty("inactive", visit.status in ("cancelled", "missed"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8 if compact else 10, 6, 8 if compact else 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        time_label = QLabel(time_range(ctx, visit), objectName="visitTime")
        top.addWidget(time_label)
        if visit.has_clash and not compact:
            clash = QLabel("⚠ " + QCoreApplication.translate("VisitAgenda", "تعارض"))
            clash.setObjectName("clashMarker")
            clash.setToolTip(
                QCoreApplication.translate("VisitAgenda", "أحد أعضاء الفريق لديه زيارة أخرى في الوقت نفسه")
            )
            top.addWidget(clash)
        if not compact:
            top.addWidget(status_chip(ctx, visit.status))
        top.addStretch(1)
        layout.addLayout(top)
        body = QLabel(visit.body.name, objectName="visitBody")
        body.setWordWrap(True)
        layout.addWidget(body)
        if compact:  # a narrow week column: the status as a small chip, details in the side panel
            chip_row = QHBoxLayout()
            chip_row.addWidget(status_chip(ctx, visit.status, compact=True))
            if visit.has_clash:
                clash = QLabel("⚠")
                clash.setObjectName("clashMarker")
                clash.setToolTip(
                    QCoreApplication.translate(
                        "VisitAgenda", "أحد أعضاء الفريق لديه زيارة أخرى في الوقت نفسه"
                    )
                )
                chip_row.addWidget(clash)
            chip_row.addStretch(1)
            layout.addLayout(chip_row)
        else:
            title = QLabel(visit.title)
            title.setWordWrap(True)
            title.setProperty("role", "muted")
            layout.addWidget(title)
            for prefix, text in (
                (QCoreApplication.translate("VisitAgenda", "الفريق: "), team_text(ctx, visit)),
                (QCoreApplication.translate("VisitAgenda", "الهدايا المخططة: "), gifts_text(ctx, visit)),
                (QCoreApplication.translate("VisitAgenda", "سُلِّم: "), handed_text(ctx, visit)),
            ):
                if text:
                    line = QLabel(prefix + text)
                    line.setWordWrap(True)
                    layout.addWidget(line)
        self.setToolTip(f"{visit.body.name}\n{visit.title}\n{team_text(ctx, visit)}")
        self.setAccessibleName(
            f"{time_range(ctx, visit)} {visit.body.name} {visit.title} {visit.status_label(ctx.lang)}"
        )


class VisitList(QListWidget):
    """Visit cards in a keyboard-navigable list; `selected(visit_id)` when the current one changes."""

    selected = Signal(str)

    def __init__(self, ctx: GuiContext, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.compact = compact
        self.setSpacing(3)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.currentItemChanged.connect(self._current_changed)

    def set_visits(self, visits: list[VisitView], selected_id: str | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for v in visits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            card = VisitCard(self.ctx, v, self.compact)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, card.accessibleName())
            self.addItem(item)
            self.setItemWidget(item, card)
            if v.id == selected_id:
                self.setCurrentItem(item)
        self._fit()
        self.blockSignals(False)

    def _fit(self) -> None:
        """Cards as wide as the list, as tall as their wrapped text (never clipped at the side)."""
        width = max(self.viewport().width() - 2 * self.spacing() - 2, 40)
        for i in range(self.count()):
            item = self.item(i)
            card = self.itemWidget(item)
            if card is None:
                continue
            card.ensurePolished()  # the theme's fonts first: they decide how the text wraps
            card.setFixedWidth(width)
            height = card.layout().heightForWidth(width) if card.layout().hasHeightForWidth() else -1
            item.setSizeHint(QSize(width, max(height, card.sizeHint().height()) + 2))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def visit_ids(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def select_id(self, visit_id: str) -> bool:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == visit_id:
                self.setCurrentRow(i)
                return True
        return False

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.selected.emit(current.data(Qt.ItemDataRole.UserRole))


def day_header(ctx: GuiContext, day: dt.date, compact: bool) -> str:
    names_ar = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
    names_en = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    name = (names_ar if ctx.lang == "ar" else names_en)[day.weekday()]
    if compact:  # the year is in the period line above the week
        hijri = ctx.fmt_hijri(day).rsplit(" ", 2)[0]
        greg = ctx.fmt_gregorian(day).rsplit(" ", 2 if ctx.lang == "ar" else 1)[0]
        return f"{name}\n{hijri}\n{greg}"
    return f"{name} {ctx.fmt_date(day)}"


class DayView(QWidget):
    selected = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(objectName="dayHeader")
        self.header.setProperty("role", "subheading")
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        self.list = VisitList(ctx)
        self.list.setObjectName("dayList")
        self.list.setAccessibleName(QCoreApplication.translate("VisitAgenda", "زيارات اليوم"))
        self.list.selected.connect(self.selected)
        layout.addWidget(self.header)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

    def show_day(self, day: dt.date, visits: list[VisitView], selected_id: str | None) -> None:
        self.header.setText(day_header(self.ctx, day, compact=False))
        weekend = dates.is_weekend(day)
        self.empty.setText(
            (
                QCoreApplication.translate("VisitAgenda", "لا زيارات في هذا اليوم.")
                + (" " + QCoreApplication.translate("VisitAgenda", "(عطلة نهاية الأسبوع)") if weekend else "")
            )
            if not visits
            else ""
        )
        self.empty.setVisible(not visits)
        self.list.set_visits(visits, selected_id)


class WeekView(QWidget):
    """Seven columns Sunday→Saturday (in RTL, Sunday on the right); Friday and Saturday shaded."""

    selected = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.headers: list[QLabel] = []
        self.lists: list[VisitList] = []
        self.days: list[dt.date] = []
        for _ in range(7):
            column = QVBoxLayout()
            column.setSpacing(2)
            header = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
            header.setObjectName("weekDayHeader")
            header.setWordWrap(True)
            day_list = VisitList(ctx, compact=True)
            day_list.setObjectName("weekDayList")
            day_list.selected.connect(self._selected)
            column.addWidget(header)
            column.addWidget(day_list, 1)
            layout.addLayout(column, 1)
            self.headers.append(header)
            self.lists.append(day_list)

    def show_week(
        self, week: dict[dt.date, list[VisitView]], selected_id: str | None, today: dt.date
    ) -> None:
        self.days = sorted(week)
        for header, day_list, day in zip(self.headers, self.lists, self.days, strict=True):
            header.setText(day_header(self.ctx, day, compact=True))
            weekend = dates.is_weekend(day)
            header.setProperty("today", day == today)
            theme.set_state(header, "weekend", weekend)
            theme.set_state(day_list, "weekend", weekend)
            day_list.setAccessibleName(day_header(self.ctx, day, compact=False))
            day_list.set_visits(week[day], selected_id)

    def _selected(self, visit_id: str) -> None:
        sender = self.sender()
        for day_list in self.lists:  # one selection across the week
            if day_list is not sender:
                day_list.blockSignals(True)
                day_list.setCurrentRow(-1)
                day_list.clearSelection()
                day_list.blockSignals(False)
        self.selected.emit(visit_id)
