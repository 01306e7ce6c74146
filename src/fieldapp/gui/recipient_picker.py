"""Choose who receives something: a person (the desk's forgiving search) or a body (a prison, a
dialysis centre...), with an optional label for a body such as «مدير السجن».

    picker = RecipientPicker(ctx)                    # person or body
    picker = RecipientPicker(ctx, modes=("body",), with_label=False)   # a body only (visit dialog)
    picker.changed.connect(...)                      # a recipient was chosen or cleared
    picker.person_id() / picker.body_id() / picker.label() / picker.display_name()
    picker.set_body(id, name) / picker.set_person(id, name) / picker.clear_choice()

Every search goes through ctx.runner; a newer query cancels the older one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import ResultItem, ResultsList, SearchField
from fieldapp.gui.widgets.inputs import ltr_join

PERSON = "person"
BODY = "body"
SEARCH_LIMIT = 8


class RecipientPicker(QWidget):
    #: emitted when the chosen recipient (or the body's label) changes
    changed = Signal()
    #: emitted with (kind, id, name) when a result is chosen (team lists add it and clear)
    chosen = Signal(str, str, str)

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        modes: tuple[str, ...] = (PERSON, BODY),
        with_label: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.modes = modes
        self._kind: str | None = None
        self._id: str | None = None
        self._name = ""
        self._task: Task | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.person_radio = QRadioButton()
        self.body_radio = QRadioButton()
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.person_radio)
        self.mode_group.addButton(self.body_radio)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.person_radio)
        mode_row.addWidget(self.body_radio)
        mode_row.addStretch(1)
        self.person_radio.setVisible(PERSON in modes and len(modes) > 1)
        self.body_radio.setVisible(BODY in modes and len(modes) > 1)
        layout.addLayout(mode_row)
        (self.person_radio if modes[0] == PERSON else self.body_radio).setChecked(True)

        self.search = SearchField()
        self.search.setObjectName("recipientSearch")
        layout.addWidget(self.search)

        self.results = ResultsList()
        self.results.setObjectName("recipientResults")
        self.results.setMaximumHeight(150)
        self.results.setVisible(False)
        self.results.attach_to(self.search)
        layout.addWidget(self.results)

        chosen_row = QHBoxLayout()
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("recipientChosen")
        self.chosen_label.setProperty("role", "subheading")
        self.chosen_label.setWordWrap(True)
        self.clear_button = QPushButton()
        self.clear_button.setProperty("kind", "flat")
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.clear_button)
        layout.addLayout(chosen_row)

        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("recipientLabel")
        self.label_edit.setVisible(False)
        self._with_label = with_label
        layout.addWidget(self.label_edit)

        self.search.query_changed.connect(self._query)
        self.search.submitted.connect(self._submitted)
        self.results.chosen.connect(self._chosen)
        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.clear_button.clicked.connect(self.clear_choice)
        self.label_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.setFocusProxy(self.search)
        self.retranslate()

    # -- reading --------------------------------------------------------------------------------
    def mode(self) -> str:
        return BODY if self.body_radio.isChecked() else PERSON

    def kind(self) -> str | None:
        return self._kind

    def person_id(self) -> str | None:
        return self._id if self._kind == PERSON else None

    def body_id(self) -> str | None:
        return self._id if self._kind == BODY else None

    def label(self) -> str:
        return self.label_edit.text().strip() if self._kind == BODY else ""

    def display_name(self) -> str:
        label = self.label()
        return f"{self._name} — {label}" if label else self._name

    def has_choice(self) -> bool:
        return self._id is not None

    # -- setting --------------------------------------------------------------------------------
    def set_person(self, person_id: str, name: str) -> None:
        self.person_radio.setChecked(True)
        self._set(PERSON, person_id, name)

    def set_body(self, body_id: str, name: str, label: str = "") -> None:
        self.body_radio.setChecked(True)
        self._set(BODY, body_id, name)
        self.label_edit.setText(label)

    def clear_choice(self) -> None:
        self._kind, self._id, self._name = None, None, ""
        self.label_edit.clear()
        self._show_choice()
        self.search.setFocus()
        self.changed.emit()

    def reset(self) -> None:
        """Back to an empty search (after a hand-over is saved)."""
        self.search.clear_query()
        self.results.set_results([])
        self.results.setVisible(False)
        self.clear_choice()

    # -- searching ------------------------------------------------------------------------------
    def _mode_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        if self._kind is not None and self._kind != self.mode():
            self.clear_choice()
        self._show_choice()
        self._query(self.search.text_value())

    def _query(self, text: str) -> None:
        if self._task is not None:
            self._task.cancel()
        if not text:
            self.results.set_results([])
            self.results.setVisible(False)
            return
        if self.mode() == PERSON:
            self._task = self.ctx.runner.db(
                self.ctx.services.search.find, text, SEARCH_LIMIT, on_done=self._show_people
            )
        else:
            self._task = self.ctx.runner.db(
                self.ctx.services.bodies.search, text, None, SEARCH_LIMIT, on_done=self._show_bodies
            )

    def _show_people(self, hits: list) -> None:
        items = []
        for hit in hits:
            p = hit.person
            details = ltr_join((p.national_id, p.mobile_display, p.badge_code))
            items.append(ResultItem(f"{PERSON}:{p.id}", p.full_name, details))
        self._show(items)

    def _show_bodies(self, bodies: list) -> None:
        lang = self.ctx.lang
        items = [
            ResultItem(
                f"{BODY}:{b.id}", b.name, " · ".join(x for x in (b.type_label(lang), b.city or "") if x)
            )
            for b in bodies
        ]
        self._show(items)

    def _show(self, items: list[ResultItem]) -> None:
        self.results.set_results(items)
        self.results.setVisible(bool(items))
        if len(items) == 1:
            self.results.select_first()

    def _submitted(self, text: str) -> None:
        self.search.flush()
        if not self.results.choose_current() and self.results.count():
            self.results.select_first()
            self.results.choose_current()

    def _chosen(self, key: str) -> None:
        kind, _, item_id = key.partition(":")
        name = next((r.title for r in self.results.results() if r.id == key), "")
        self.chosen.emit(kind, item_id, name)
        self._set(kind, item_id, name)

    def _set(self, kind: str, item_id: str, name: str) -> None:
        self._kind, self._id, self._name = kind, item_id, name
        self.search.clear_query()
        self.results.set_results([])
        self.results.setVisible(False)
        self._show_choice()
        self.changed.emit()

    def _show_choice(self) -> None:
        chosen = self._id is not None
        self.search.setVisible(not chosen)
        self.chosen_label.setVisible(chosen)
        self.clear_button.setVisible(chosen)
        self.label_edit.setVisible(chosen and self._kind == BODY and self._with_label)
        self.chosen_label.setText(self._name)
        if not chosen:
            placeholder = (
                self.tr("اكتب الاسم أو رقم الهوية أو الجوال")
                if self.mode() == PERSON
                else self.tr("اكتب اسم الجهة أو هاتفها")
            )
            self.search.setPlaceholderText(placeholder)

    def retranslate(self) -> None:
        """Every text again, in the language now installed (the owner calls this on a switch)."""
        self.person_radio.setText(self.tr("شخص"))
        self.body_radio.setText(self.tr("جهة"))
        self.person_radio.setAccessibleName(self.tr("المستلم شخص"))
        self.body_radio.setAccessibleName(self.tr("المستلم جهة"))
        self.search.setAccessibleName(self.tr("ابحث عن المستلم"))
        self.results.setAccessibleName(self.tr("نتائج البحث"))
        self.clear_button.setText(self.tr("تغيير"))
        self.clear_button.setAccessibleName(self.tr("تغيير المستلم"))
        self.label_edit.setPlaceholderText(self.tr("الصفة، مثل: مدير السجن (اختياري)"))
        self.label_edit.setAccessibleName(self.tr("صفة المستلم في الجهة"))
        self._show_choice()

    def choose_first(self) -> bool:
        """Pick the first result (tests, and Enter with one obvious hit)."""
        if not self.results.count():
            return False
        self.results.select_first()
        return self.results.choose_current()
