"""الأشخاص: the roster table (paged, searchable), add/edit a person, import a list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.context import GuiContext
from fieldapp.gui.people.editor import PersonDialog
from fieldapp.gui.people.importer import ImportDialog
from fieldapp.gui.people.model import NAME, RosterModel
from fieldapp.gui.people.record import HoursReportDialog, VolunteerRecordDialog
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import SearchField, show_error
from fieldapp.services.people import PersonView


class RosterTable(QTableView):
    """Enter opens the selected person (a table eats Enter otherwise)."""

    def __init__(self, open_current, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_current = open_current

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_current()
            return
        super().keyPressEvent(event)


class PeopleScreen(Screen):
    key = "people"
    topics = frozenset({"people"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RosterModel(ctx, self)
        self.model.loaded.connect(self._loaded)
        self.dialog: PersonDialog | None = None
        self.import_dialog: ImportDialog | None = None

        self.heading = QLabel(objectName="peopleHeading")
        self.heading.setProperty("role", "heading")
        self.count_label = QLabel(objectName="peopleCount")
        self.count_label.setProperty("role", "muted")
        self.search = SearchField()
        self.search.setObjectName("peopleSearch")
        self.search.query_changed.connect(self.model.set_query)
        self.search.submitted.connect(self.model.set_query)
        self.add_button = QPushButton(objectName="addPerson")
        self.add_button.setProperty("kind", "primary")
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton(objectName="editPerson")
        self.edit_button.clicked.connect(self.edit_current)
        self.import_button = QPushButton(objectName="importRoster")
        self.import_button.clicked.connect(self.open_import)
        self.record_button = QPushButton(objectName="openRecord")
        self.record_button.clicked.connect(self.open_record)
        self.hours_button = QPushButton(objectName="hoursReport")
        self.hours_button.clicked.connect(self.open_hours_report)

        self.table = RosterTable(self.edit_current)
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((240, 170, 120, 150, 60, 55, 170, 100)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.hours_button)
        top.addWidget(self.import_button)
        top.addWidget(self.record_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)
        self.permission_note = QLabel(objectName="permissionNote")
        self.permission_note.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.permission_note)

        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_person)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        ctx.user_changed.connect(lambda _u: self._update_actions())
        ctx.digits_changed.connect(lambda _d: self.model.refresh_display())
        self.setTabOrder(self.search, self.table)
        self.retranslate()

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الأشخاص")

    def refresh(self) -> None:
        self.model.reload()

    def activate(self) -> None:
        self.search.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الأشخاص"))
        self.search.setPlaceholderText(self.tr("ابحث بالاسم أو رقم الهوية أو الجوال أو رمز البطاقة…"))
        self.search.setAccessibleName(self.tr("البحث في قائمة الأشخاص"))
        self.table.setAccessibleName(self.tr("قائمة الأشخاص"))
        self.add_button.setText(self.tr("إضافة شخص"))
        self.add_button.setAccessibleName(self.tr("إضافة شخص جديد"))
        self.edit_button.setText(self.tr("تعديل"))
        self.edit_button.setAccessibleName(self.tr("تعديل بيانات الشخص المحدد"))
        self.import_button.setText(self.tr("استيراد قائمة…"))
        self.import_button.setAccessibleName(self.tr("استيراد قائمة من ملف Excel أو CSV"))
        self.record_button.setText(self.tr("سجل المتطوع"))
        self.record_button.setAccessibleName(self.tr("سجل الشخص المحدد: فعالياته وساعاته وشهاداته وهداياه"))
        self.hours_button.setText(self.tr("تقرير الساعات…"))
        self.hours_button.setAccessibleName(self.tr("تقرير الساعات التطوعية لكل متطوع في فترة"))
        self.model.refresh_display()
        if getattr(self, "_count", None) is not None:
            self._loaded(*self._count)
        self._update_actions()

    # -- state --------------------------------------------------------------------------------
    def _loaded(self, total: int, searching: bool) -> None:
        self._count = (total, searching)  # worded again after a language switch
        if searching:
            self.count_label.setText(self.ctx.fmt_digits(self.tr("%n نتيجة", "", total)))
        else:
            self.count_label.setText(self.ctx.fmt_digits(self.tr("%n شخص في القائمة", "", total)))
        self._update_actions()

    def _update_actions(self) -> None:
        can_edit = self.ctx.can("roster.edit")
        self.add_button.setEnabled(can_edit)
        self.edit_button.setEnabled(can_edit and self.current_person() is not None)
        self.import_button.setEnabled(self.ctx.can("roster.import"))
        self.record_button.setEnabled(self.current_person() is not None)
        self.permission_note.setVisible(not can_edit)
        self.permission_note.setText(
            self.tr("تعديل القائمة والاستيراد للمشرف أو مدير النظام؛ يمكنك البحث والاطلاع.")
        )

    def current_person(self) -> PersonView | None:
        index = self.table.currentIndex()
        return self.model.person_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, NAME))

    # -- actions ------------------------------------------------------------------------------
    def edit_current(self) -> PersonDialog | None:
        index = self.table.currentIndex()
        return self.edit_row(index.row()) if index.isValid() else None

    def edit_row(self, row: int) -> PersonDialog | None:
        person = self.model.person_at(row)
        if person is None:
            return None
        return self.open_editor(person)

    def add_person(self) -> PersonDialog | None:
        return self.open_editor(None)

    def open_editor(self, person: PersonView | None) -> PersonDialog | None:
        """Open the editor (non-blocking) and return it; refused politely without the permission."""
        if not self.ctx.can("roster.edit"):
            self.ctx.show_message(self.tr("تعديل بيانات الأشخاص للمشرف أو مدير النظام."), "warning")
            return None
        self.dialog = PersonDialog(self.ctx, person, self)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()
        return self.dialog

    def _saved(self, person: PersonView) -> None:
        self.model.reload()

    def open_import(self) -> ImportDialog | None:
        if not self.ctx.can("roster.import"):
            self.ctx.show_message(self.tr("استيراد القوائم للمشرف أو مدير النظام."), "warning")
            return None
        self.import_dialog = ImportDialog(self.ctx, self)
        self.import_dialog.open()
        return self.import_dialog

    def open_record(self) -> VolunteerRecordDialog | None:
        person = self.current_person()
        if person is None:
            return None
        self.record_dialog = VolunteerRecordDialog(self.ctx, person.id, self)
        self.record_dialog.open()
        return self.record_dialog

    def open_hours_report(self) -> HoursReportDialog:
        self.hours_dialog = HoursReportDialog(self.ctx, self)
        self.hours_dialog.open()
        return self.hours_dialog

    def _error(self, exc: BaseException) -> None:
        show_error(self.window(), exc)

    def index_of(self, row: int) -> QModelIndex:
        return self.model.index(row, NAME)
