"""Stock: every gift type with its current stock and low mark; receive, adjust, the ledger, types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import i18n
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_stock_entry import Ui_StockEntryDialog
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import Column, TableModel, show_error
from fieldapp.gui.widgets.inputs import number_inputs, select_row, set_note
from fieldapp.services.gifts import GiftTypeInput, GiftTypeView, LedgerLine

NUMBER_ALIGN = Qt.AlignmentFlag.AlignCenter


def fit_columns(table: QTableView, stretch: int, widest: int = 320, uncapped: tuple[int, ...] = ()) -> None:
    """Columns as wide as their contents (capped), one column taking the rest of the width."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if column not in uncapped:
                table.setColumnWidth(column, min(table.columnWidth(column), widest))


def stock_colour(t: GiftTypeView) -> str | None:
    if t.stock <= 0:
        return theme.REFUSED
    return theme.WARNING if t.low else None


def problems_first(types: list[GiftTypeView]) -> list[GiftTypeView]:
    """Overdrawn, then out of stock, then low, then the rest (each group in the service's order)."""

    def rank(t: GiftTypeView) -> int:
        if t.stock < 0:
            return 0
        if t.stock == 0:
            return 1
        return 2 if t.low else 3

    return sorted(types, key=rank)


class StockEntryDialog(QDialog):
    """Receive goods (quantity, note) or adjust a count (signed, reason required). Non-blocking:
    `open()` and connect `accepted`; `values()` -> (quantity or delta, note)."""

    def __init__(
        self, parent: QWidget | None, gift: GiftTypeView, adjust: bool = False, digits: str = "latin"
    ) -> None:
        super().__init__(parent)
        self.adjust = adjust
        self.ui = Ui_StockEntryDialog()
        self.ui.setupUi(self)
        self.gift = gift
        self.ui.giftName.setText(
            self.tr("{0} — المخزون الآن: {1}").format(gift.name, i18n.format_count(gift.stock, digits))
        )
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if adjust:
            self.setObjectName("adjustDialog")
            self.setWindowTitle(self.tr("تسوية المخزون"))
            self.ui.quantityLabel.setText(self.tr("مقدار التسوية"))
            self.ui.reasonLabel.setText(self.tr("السبب"))
            self.ui.quantitySpin.setRange(-1_000_000, 1_000_000)
            self.ui.quantitySpin.setValue(0)
            self.ui.hintLabel.setText(
                self.tr("موجب لما وُجد زائدًا، سالب لما تلف أو فُقد. السبب مطلوب ويُحفظ مع اسمك.")
            )
            ok.setText(self.tr("سجّل التسوية"))
        else:
            self.setObjectName("receiveDialog")
            self.ui.reasonLabel.setText(self.tr("المصدر"))
            self.ui.hintLabel.setText(
                self.tr("كمية وصلت إلى المخزون. اكتب مصدرها (توريد من المستودع، تبرع من جهة…)؛ يُحفظ مع اسمك.")
            )
            ok.setText(self.tr("سجّل الاستلام"))
        self.ok_button = ok
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.quantitySpin.valueChanged.connect(lambda _v: self._validate())
        self.ui.reasonEdit.textChanged.connect(lambda _t: self._validate())
        number_inputs(digits, self.ui.quantitySpin)
        self._validate()
        self.ui.quantitySpin.setFocus()  # the quantity first, then the note (Tab)
        self.ui.quantitySpin.selectAll()

    def values(self) -> tuple[int, str]:
        return self.ui.quantitySpin.value(), self.ui.reasonEdit.text().strip()

    def _valid(self) -> bool:
        quantity, reason = self.values()
        if self.adjust:
            return quantity != 0 and bool(reason)
        return quantity > 0 and bool(reason)  # a receipt says where the goods came from

    def _validate(self) -> None:
        self.ok_button.setEnabled(self._valid())

    def accept(self) -> None:
        if self._valid():
            super().accept()


class GiftTypeDialog(QDialog):
    """Create or edit a gift type. `value()` -> GiftTypeInput."""

    def __init__(
        self, parent: QWidget | None, gift: GiftTypeView | None = None, may_change_limit: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("giftTypeDialog")
        self.gift = gift
        self.setWindowTitle(self.tr("تعديل نوع الهدية") if gift else self.tr("نوع هدية جديد"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.name_edit = QLineEdit(objectName="giftName")
        self.unit_edit = QLineEdit(objectName="giftUnit")
        self.limit_spin = QSpinBox(objectName="giftLimit")
        self.limit_spin.setRange(0, 100_000)
        self.limit_spin.setSpecialValueText(self.tr("بلا حد"))
        self.threshold_spin = QSpinBox(objectName="giftThreshold")
        self.threshold_spin.setRange(0, 1_000_000)
        self.active_check = QCheckBox(self.tr("متاح للتسليم"))
        self.notes_edit = QLineEdit(objectName="giftNotes")
        rows = [
            (self.tr("الاسم"), self.name_edit),
            (self.tr("الوحدة"), self.unit_edit),
            (self.tr("الحد لكل مستلم في الفعالية"), self.limit_spin),
            (self.tr("نبّه عند انخفاض المخزون إلى"), self.threshold_spin),
            ("", self.active_check),
            (self.tr("ملاحظات"), self.notes_edit),
        ]
        for text, widget in rows:
            form.addRow(text, widget)
            widget.setAccessibleName(text or self.active_check.text())
        self.unit_edit.setPlaceholderText(self.tr("قطعة، درع، كرتون…"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_note(self.error_label, "refused", "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if gift is not None:
            self.name_edit.setText(gift.name)
            self.unit_edit.setText(gift.unit)
            self.limit_spin.setValue(gift.limit_per_recipient_per_event or 0)
            if not may_change_limit:  # a limit protects the stock: changing it is a supervisor's call
                self.limit_spin.setEnabled(False)
                self.limit_spin.setToolTip(self.tr("تغيير الحد لكل مستلم يسجّله المشرف."))
            self.threshold_spin.setValue(gift.low_stock_threshold)
            self.active_check.setChecked(gift.active)
            self.notes_edit.setText(gift.notes)
        else:
            self.unit_edit.setText(self.tr("قطعة"))
            self.active_check.setChecked(True)
        self.name_edit.setFocus()

    def value(self) -> GiftTypeInput:
        return GiftTypeInput(
            name=self.name_edit.text(),
            unit=self.unit_edit.text(),
            limit_per_recipient_per_event=self.limit_spin.value() or None,
            low_stock_threshold=self.threshold_spin.value(),
            active=self.active_check.isChecked(),
            notes=self.notes_edit.text(),
        )


class StockTab(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self._ledger_task: Task | None = None
        self._want_selected: str | None = None  # select this type once the list reloads
        layout = QVBoxLayout(self)

        buttons = QHBoxLayout()
        self.receive_button = QPushButton(objectName="receiveStock")
        self.receive_button.setProperty("kind", "primary")
        self.adjust_button = QPushButton(objectName="adjustStock")
        self.new_type_button = QPushButton(objectName="newGiftType")
        self.edit_type_button = QPushButton(objectName="editGiftType")
        for button in (self.receive_button, self.adjust_button, self.new_type_button, self.edit_type_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.types_model: TableModel[GiftTypeView] = TableModel(self._type_columns())
        self.types_table = self._table("stockTable", self.types_model)
        self.ledger_model: TableModel[LedgerLine] = TableModel(self._ledger_columns())
        self.ledger_table = self._table("ledgerTable", self.ledger_model)
        self.ledger_title = QLabel()
        self.ledger_title.setProperty("role", "subheading")
        ledger_box = QWidget()
        ledger_layout = QVBoxLayout(ledger_box)
        ledger_layout.setContentsMargins(0, 8, 0, 0)
        ledger_layout.addWidget(self.ledger_title)
        ledger_layout.addWidget(self.ledger_table, 1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.types_table)
        splitter.addWidget(ledger_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.types_table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.receive_button.clicked.connect(self.ask_receive)
        self.adjust_button.clicked.connect(self.ask_adjust)
        self.new_type_button.clicked.connect(lambda: self.ask_type(None))
        self.edit_type_button.clicked.connect(lambda: self.ask_type(self.selected()))
        self.retranslate()

    def _type_columns(self) -> list[Column[GiftTypeView]]:
        c = self.ctx
        return [
            Column(lambda: self.tr("الهدية"), lambda t: t.name),
            Column(
                lambda: self.tr("المخزون"),
                lambda t: c.fmt_number(t.stock),
                align=NUMBER_ALIGN,
                colour=stock_colour,
                sort=lambda t: t.stock,
            ),
            Column(lambda: self.tr("الوحدة"), lambda t: t.unit),
            Column(lambda: self.tr("الحالة"), self._state_text, colour=stock_colour),
            Column(
                lambda: self.tr("الحد لكل مستلم"),
                lambda t: (
                    c.fmt_number(t.limit_per_recipient_per_event) if t.limit_per_recipient_per_event else "—"
                ),
                align=NUMBER_ALIGN,
            ),
            Column(
                lambda: self.tr("حد التنبيه"),
                lambda t: c.fmt_number(t.low_stock_threshold),
                align=NUMBER_ALIGN,
            ),
        ]

    def _ledger_columns(self) -> list[Column[LedgerLine]]:
        c = self.ctx
        return [
            Column(
                lambda: self.tr("الوقت"),
                lambda line: f"{c.fmt_gregorian(line.at)} {c.fmt_time(line.at)}",
                sort=lambda line: line.at,
            ),
            Column(lambda: self.tr("الحركة"), lambda line: self._kind_text(line.kind)),
            Column(
                lambda: self.tr("التغير"),
                lambda line: ("+" if line.delta > 0 else "") + c.fmt_number(line.delta),
                align=NUMBER_ALIGN,
                colour=lambda line: theme.OK if line.delta > 0 else theme.REFUSED,
            ),
            Column(lambda: self.tr("الرصيد"), lambda line: c.fmt_number(line.balance), align=NUMBER_ALIGN),
            Column(lambda: self.tr("التفاصيل"), lambda line: line.detail),
            Column(lambda: self.tr("بواسطة"), lambda line: line.user_name),
        ]

    @staticmethod
    def _table(name: str, model: TableModel) -> QTableView:
        table = QTableView(objectName=name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _state_text(self, t: GiftTypeView) -> str:
        if t.stock <= 0:
            return self.tr("نفد")
        return self.tr("منخفض") if t.low else self.tr("متوفر")

    def _kind_text(self, kind: str) -> str:
        return {
            "receipt": self.tr("استلام"),
            "adjustment": self.tr("تسوية"),
            "handover": self.tr("تسليم"),
            "void": self.tr("إلغاء"),
        }.get(kind, kind)

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.db(self.ctx.services.gifts.list_types, True, on_done=self._show_types)

    def _show_types(self, types: list[GiftTypeView]) -> None:
        keep = self._want_selected or (self.selected().id if self.selected() else None)
        self._want_selected = None
        self.types_model.set_rows(problems_first(types))
        fit_columns(self.types_table, stretch=0)
        self._share_height()
        row = next((i for i, t in enumerate(types) if t.id == keep), 0 if types else -1)
        if row >= 0:
            select_row(self.types_table, row)
        self._selection_changed()

    def _share_height(self) -> None:
        """Every type in view when it fits (up to three quarters of the height); the ledger has the rest."""
        table = self.types_table
        rows = self.types_model.rowCount()
        row_height = table.verticalHeader().defaultSectionSize()
        wanted = table.horizontalHeader().height() + rows * row_height + 2 * table.frameWidth() + 4
        total = sum(self.splitter.sizes()) or self.splitter.height()
        types_height = min(wanted, total * 3 // 4) if total > 0 else wanted
        self.splitter.setSizes([types_height, max(total - types_height, 0)])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_height()

    def selected(self) -> GiftTypeView | None:
        rows = self.types_table.selectionModel().selectedRows()
        return self.types_model.row_at(rows[0]) if rows else None

    def select_type(self, gift_type_id: str) -> None:
        for i, t in enumerate(self.types_model.rows):
            if t.id == gift_type_id:
                select_row(self.types_table, i)

    def _selection_changed(self) -> None:
        gift = self.selected()
        may_adjust = self.ctx.can("stock.adjust")
        may_receive = self.ctx.can("stock.receive")
        self.receive_button.setEnabled(gift is not None and may_receive)
        self.receive_button.setToolTip(
            self.tr("استلام المخزون يسجّله المشرف مع ذكر المصدر.") if not may_receive else ""
        )
        self.edit_type_button.setEnabled(gift is not None)
        self.adjust_button.setEnabled(gift is not None and may_adjust)
        self.adjust_button.setToolTip(
            self.tr("تسوية المخزون يسجّلها المشرف مع ذكر السبب.")
            if not may_adjust
            else self.tr("تصحيح الرصيد بعد الجرد، بالزيادة أو النقص.")
        )
        if gift is None:
            self.ledger_model.set_rows([])
            self.ledger_title.setText("")
            return
        self.ledger_title.setText(self.tr("حركة المخزون: {0}").format(gift.name))
        if self._ledger_task is not None:
            self._ledger_task.cancel()
        self._ledger_task = self.ctx.runner.db(
            self.ctx.services.gifts.stock_ledger, gift.id, on_done=self._show_ledger
        )

    def _show_ledger(self, lines: list[LedgerLine]) -> None:
        self.ledger_model.set_rows(list(reversed(lines)))  # newest on top, balance after each
        fit_columns(self.ledger_table, stretch=4)

    # -- dialogs --------------------------------------------------------------------------------
    def ask_receive(self) -> None:
        gift = self.selected()
        if gift is None:
            return
        dialog = StockEntryDialog(self, gift, digits=self.ctx.digits)
        dialog.accepted.connect(
            lambda: self._write(self.ctx.services.gifts.receive, gift.id, *dialog.values())
        )
        self.dialog = dialog
        dialog.open()

    def ask_adjust(self) -> None:
        gift = self.selected()
        if gift is None:
            return
        dialog = StockEntryDialog(self, gift, adjust=True, digits=self.ctx.digits)
        dialog.accepted.connect(
            lambda: self._write(self.ctx.services.gifts.adjust, gift.id, *dialog.values())
        )
        self.dialog = dialog
        dialog.open()

    def ask_type(self, gift: GiftTypeView | None) -> None:
        dialog = GiftTypeDialog(self, gift, may_change_limit=self.ctx.can("gift.limit"))
        if gift is None:
            dialog.accepted.connect(lambda: self._write(self.ctx.services.gifts.create_type, dialog.value()))
        else:
            dialog.accepted.connect(
                lambda: self._write(self.ctx.services.gifts.update_type, gift.id, dialog.value())
            )
        self.dialog = dialog
        dialog.open()

    def _write(self, fn, *args) -> None:
        self.ctx.runner.write(
            fn, *args, on_done=self._written, on_error=lambda exc: show_error(self.window(), exc)
        )

    def _written(self, view: GiftTypeView) -> None:
        self.ctx.show_message(
            self.tr("{0} — المخزون الآن: {1}").format(view.name, self.ctx.fmt_number(view.stock)),
            "ok",
        )
        self._want_selected = view.id
        self.refresh()

    def retranslate(self) -> None:
        self.receive_button.setText(self.tr("استلام مخزون"))
        self.adjust_button.setText(self.tr("تسوية"))
        self.new_type_button.setText(self.tr("نوع هدية جديد"))
        self.edit_type_button.setText(self.tr("تعديل النوع"))
        for button in (self.receive_button, self.adjust_button, self.new_type_button, self.edit_type_button):
            button.setAccessibleName(button.text())
        self.types_table.setAccessibleName(self.tr("المخزون حسب نوع الهدية"))
        self.ledger_table.setAccessibleName(self.tr("حركة مخزون النوع المحدد"))
        self.types_model.retranslate()
        self.ledger_model.retranslate()
