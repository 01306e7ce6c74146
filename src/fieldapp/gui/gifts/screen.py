"""The gifts screen: hand-over (تسليم), the log (السجل) and the stock (المخزون)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.gui.gifts.handover import HandoverForm
from fieldapp.gui.gifts.log import LogTab
from fieldapp.gui.gifts.stock import StockTab
from fieldapp.gui.screen import Screen

HANDOVER_TAB, LOG_TAB, STOCK_TAB = range(3)


class GiftsScreen(Screen):
    key = "gifts"
    topics = frozenset({"gifts", "stock", "people", "bodies", "events", "visits"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.tabs = QTabWidget(objectName="giftsTabs")
        self.handover = HandoverForm(ctx)
        handover_page = QWidget()
        page_layout = QVBoxLayout(handover_page)
        page_layout.setContentsMargins(8, 12, 8, 8)
        page_layout.addWidget(self.handover)
        self.handover.setMaximumWidth(820)
        self.log = LogTab(ctx)
        self.stock = StockTab(ctx)
        self.tabs.addTab(handover_page, "")
        self.tabs.addTab(self.log, "")
        self.tabs.addTab(self.stock, "")
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        ctx.current_event_changed.connect(lambda _e: self.mark_stale())
        self.retranslate()

    def title(self) -> str:
        return self.tr("الهدايا")

    def refresh(self) -> None:
        """Only the visible tab reloads; the others reload when they are opened."""
        index = self.tabs.currentIndex()
        if index == HANDOVER_TAB:
            self.handover.reload()
        elif index == LOG_TAB:
            self.log.refresh()
        else:
            self.stock.refresh()

    def activate(self) -> None:
        index = self.tabs.currentIndex()
        if index == HANDOVER_TAB:
            self.handover.recipient.setFocus()
        elif index == LOG_TAB:
            self.log.table.setFocus()
        else:
            self.stock.types_table.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الهدايا والمخزون"))
        self.tabs.setTabText(HANDOVER_TAB, self.tr("تسليم"))
        self.tabs.setTabText(LOG_TAB, self.tr("السجل"))
        self.tabs.setTabText(STOCK_TAB, self.tr("المخزون"))
        self.handover.retranslate()
        self.log.retranslate()
        self.stock.retranslate()
