"""لوحة المتابعة: big numbers for the current event, gifts, low stock, today's visits, arrivals chart."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldAppError
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets.inputs import ltr
from fieldapp.services.dashboard import DashboardData

VISIT_COLOURS = {
    "in_progress": theme.OK,
    "done": theme.MUTED,
    "cancelled": theme.REFUSED,
    "missed": theme.REFUSED,
}


class Card(QFrame):
    """A big readable number with its caption."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("—", objectName=f"{name}Value")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.value.font())
        font.setPointSize(30)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setProperty("role", "figure")
        self.caption = QLabel(objectName=f"{name}Caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setProperty("role", "muted")
        self.detail = QLabel(objectName=f"{name}Detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{self.caption.text()}: {value} {detail}".strip())


class DashboardScreen(Screen):
    key = "dashboard"
    topics = frozenset({"scans", "gifts", "stock", "visits", "events", "bodies"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: DashboardData | None = None
        self._task = None
        self.heading = QLabel(objectName="dashboardHeading")
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.period = QLabel(objectName="dashboardPeriod")
        self.period.setProperty("role", "muted")
        self.in_now = Card("inNow")
        self.attended = Card("attended")
        self.hours = Card("hours")
        self.gifts = Card("gifts")
        cards = QHBoxLayout()
        for card in (self.in_now, self.attended, self.hours, self.gifts):
            cards.addWidget(card)

        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart, objectName="arrivalsChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        # The time axis reads left to right in any language (a clock); only the labels are Arabic.
        self.chart_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.chart_box = QGroupBox()
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.chart_view)

        self.handed_list = QListWidget(objectName="handedList")
        self.low_list = QListWidget(objectName="lowStockList")
        self.visits_list = QListWidget(objectName="visitsList")
        self.partners_list = QListWidget(objectName="partnersAlerts")
        self.handed_box, self.low_box, self.visits_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.partners_box = QGroupBox()
        for box, widget in (
            (self.handed_box, self.handed_list),
            (self.low_box, self.low_list),
            (self.visits_box, self.visits_list),
            (self.partners_box, self.partners_list),
        ):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(widget)

        grid = QGridLayout()
        grid.addWidget(self.chart_box, 0, 0, 1, 2)
        grid.addWidget(self.visits_box, 0, 2)
        grid.addWidget(self.partners_box, 1, 2)
        grid.addWidget(self.handed_box, 1, 0)
        grid.addWidget(self.low_box, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.period)
        layout.addLayout(cards)
        layout.addLayout(grid, 1)

        ctx.current_event_changed.connect(
            lambda _id: self.refresh() if self.isVisible() else self.mark_stale()
        )
        ctx.digits_changed.connect(lambda _d: self.show_data(self.data) if self.data else None)
        self.retranslate()

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("لوحة المتابعة")

    def refresh(self) -> None:
        if self._task is not None:
            self._task.cancel()  # a newer refresh supersedes it
        self._task = self.ctx.runner.db(
            self.ctx.services.dashboard.load,
            self.ctx.current_event_id,
            on_done=self.show_data,
            on_error=self._failed,
        )

    def activate(self) -> None:
        self.visits_list.setFocus()

    def retranslate(self) -> None:
        self.in_now.caption.setText(self.tr("في الموقع الآن"))
        self.attended.caption.setText(self.tr("حضروا"))
        self.hours.caption.setText(self.tr("مجموع الساعات"))
        self.gifts.caption.setText(self.tr("هدايا سُلّمت"))
        self.chart_box.setTitle(self.tr("الوصول كل ربع ساعة"))
        self.handed_box.setTitle(self.tr("الهدايا حسب النوع"))
        self.low_box.setTitle(self.tr("مخزون منخفض"))
        self.visits_box.setTitle(self.tr("زيارات اليوم"))
        self.handed_list.setAccessibleName(self.tr("الهدايا المسلّمة حسب النوع"))
        self.low_list.setAccessibleName(self.tr("أنواع الهدايا منخفضة المخزون"))
        self.visits_list.setAccessibleName(self.tr("زيارات اليوم وحالتها"))
        self.partners_box.setTitle(self.tr("الشراكات"))
        self.partners_list.setAccessibleName(self.tr("اتفاقيات تنتهي قريبًا وشركاء لم يُزاروا"))
        self.chart_view.setAccessibleName(self.tr("رسم الوصول كل ربع ساعة"))
        if self.data is not None:
            self.show_data(self.data)
        else:
            self.heading.setText(self.tr("لوحة المتابعة"))

    # -- showing ------------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FieldAppError):  # e.g. the current event was deleted elsewhere
            self.show_data(DashboardData(None))

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        fmt = self.ctx.fmt_number
        event = data.event
        if event is None:
            self.heading.setText(self.tr("لا توجد فعالية حالية"))
            self.period.setText(self.tr("اختر فعالية من شاشة «الفعاليات» واضغط «اجعلها الفعالية الحالية»."))
            for card in (self.in_now, self.attended, self.hours, self.gifts):
                card.set("—")
        else:
            self.heading.setText(event.title)
            self.period.setText(
                " · ".join(
                    p for p in (event.place, self.ctx.fmt_time_range(event.starts_at, event.ends_at)) if p
                )
            )
            counts = data.counts
            self.in_now.set(fmt(counts.in_now))
            self.attended.set(
                fmt(counts.attended),
                self.tr("من %1 مسجّلًا").replace("%1", fmt(counts.registered)) if counts.registered else "",
            )
            self.hours.set(
                fmt(counts.total_hours, 2, trim=True),
                self.tr("ساعة تطوع"),
            )
            self.gifts.set(fmt(data.handovers), self.tr("عملية تسليم"))
        self._fill_handed(data)
        self._fill_low(data)
        self._fill_visits(data)
        self._fill_partners(data)
        self._fill_chart(data)

    def _fill_handed(self, data: DashboardData) -> None:
        self.handed_list.clear()
        for line in data.handed:
            self.handed_list.addItem(self.ctx.fmt_gift_quantity(line.gift_name, line.quantity, line.unit))
        if not data.handed:
            self._empty(self.handed_list, self.tr("لم تُسلَّم هدايا في هذه الفعالية بعد"))

    def _fill_low(self, data: DashboardData) -> None:
        self.low_list.clear()
        for gift in data.low_stock:
            item = QListWidgetItem(
                self.tr("%1 — الباقي: %2 (حد التنبيه %3)")
                .replace("%1", gift.name)
                .replace("%2", self.ctx.fmt_number(gift.stock))
                .replace("%3", self.ctx.fmt_number(gift.low_stock_threshold))
            )
            item.setForeground(QColor(theme.WARNING))
            item.setBackground(QColor(theme.STATUS_BACKGROUNDS["warning"]))
            self.low_list.addItem(item)
        if not data.low_stock:
            self._empty(self.low_list, self.tr("المخزون كافٍ لكل الأنواع"))

    def _fill_visits(self, data: DashboardData) -> None:
        self.visits_list.clear()
        for visit in data.visits:
            when = ltr(f"{self.ctx.fmt_time(visit.planned_start)}–{self.ctx.fmt_time(visit.planned_end)}")
            item = QListWidgetItem(f"{when}  {visit.body.name}\n{visit.status_label(self.ctx.lang)}")
            colour = VISIT_COLOURS.get(visit.status)
            if colour:
                item.setForeground(QColor(colour))
            if visit.status == "cancelled":
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            self.visits_list.addItem(item)
        if not data.visits:
            self._empty(self.visits_list, self.tr("لا زيارات اليوم"))

    def _fill_partners(self, data: DashboardData) -> None:
        """Agreements ending within 30 days, then partners with a running agreement not visited in 6 months."""
        self.partners_list.clear()
        for a in data.ending_soon:
            days = self.ctx.fmt_digits(self.tr("تنتهي اتفاقيتها بعد %n يوم", "", a.days_left or 0))
            item = QListWidgetItem(f"{a.body_name}\n{days}")
            item.setForeground(QColor(theme.WARNING))
            self.partners_list.addItem(item)
        quiet = self.tr("لم تُزر منذ 6 أشهر")
        for q in data.quiet_partners:
            self.partners_list.addItem(f"{q.body.name}\n{quiet}")
        if not data.ending_soon and not data.quiet_partners:
            self._empty(self.partners_list, self.tr("لا تنبيهات للشراكات"))

    @staticmethod
    def _empty(widget: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setForeground(QColor(theme.MUTED))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)

    def _fill_chart(self, data: DashboardData) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        arrivals = data.arrivals
        bars = QBarSet(self.tr("الواصلون"))
        bars.setColor(QColor(theme.PRIMARY))
        categories = []
        for at, count in arrivals:
            bars.append(count)
            categories.append(self.ctx.fmt_time(at))
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.85)
        self.chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories or [""])
        x_axis.setTitleText(self.tr("الوقت (كل ربع ساعة)"))
        label_font = QFont(x_axis.labelsFont())
        label_font.setPointSize(8)
        x_axis.setLabelsFont(label_font)
        x_axis.setLabelsAngle(-90 if len(categories) > 8 else 0)
        y_axis = QValueAxis()
        top = max((count for _, count in arrivals), default=0)
        y_axis.setRange(0, max(4, top + 1))
        y_axis.setLabelFormat("%d")
        y_axis.setTickCount(5)
        y_axis.setTitleText(self.tr("عدد الواصلين"))
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        self.chart.setTitle("" if arrivals else self.tr("لم يصل أحد بعد"))

    # -- for tests and screen readers ----------------------------------------------------------
    def chart_counts(self) -> list[int]:
        series = self.chart.series()
        if not series:
            return []
        bars = series[0].barSets()[0]
        return [int(bars.at(i)) for i in range(bars.count())]
