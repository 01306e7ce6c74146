"""Review (supervisors and admins): what sync left for a person to decide.

Three tabs, each a table and its decisions (services.review does the work, each decision one
audited write that syncs where it must):
- Conflicts: record, field, kept and lost value, when and on which laptop each was made; keep the
  value, or restore the lost one as a new edit.
- Possible duplicates: two people side by side (name, ID, mobile, laptop, scans); merge, or mark as
  different people.
- Set aside: changes the server refused, with its reason; retry after fixing, or discard with a reason.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates, i18n
from fieldapp.core.identifiers import format_mobile_display
from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import Column, TableModel, user_message
from fieldapp.gui.widgets.inputs import embed, ltr
from fieldapp.services.review import ConflictItem, DuplicateItem, PersonSide, SetAsideItem

i18n.register(
    {
        "gui.review.heading": ("مراجعة ما بعد المزامنة", "Review after sync"),
        "gui.review.intro": (
            "ما وجدته المزامنة ويحتاج قرار شخص: قيمتان لحقل واحد من جهازين، أشخاص قد يكونون مكررين، "
            "وتغييرات رفضها الخادم. كل قرار يُسجَّل في سجل التدقيق ويصل إلى بقية الأجهزة.",
            "What sync found that needs a person's decision: two values of one field from two laptops, "
            "people who may be duplicates, and changes the server refused. Every decision is audited "
            "and reaches the other laptops.",
        ),
        "gui.review.tab.conflicts": ("التعارضات ({n})", "Conflicts ({n})"),
        "gui.review.tab.duplicates": ("أشخاص مكررون محتملون ({n})", "Possible duplicates ({n})"),
        "gui.review.tab.set_aside": ("تغييرات مُنحّاة ({n})", "Set aside ({n})"),
        "gui.review.col.record": ("السجل", "Record"),
        "gui.review.col.field": ("الحقل", "Field"),
        "gui.review.col.kept": ("القيمة المعتمدة", "Kept value"),
        "gui.review.col.lost": ("القيمة المفقودة", "Lost value"),
        "gui.review.col.kept_by": ("اعتُمدت من", "Kept from"),
        "gui.review.col.lost_by": ("فُقدت من", "Lost from"),
        "gui.review.col.first": ("الشخص الأول", "First person"),
        "gui.review.col.second": ("الشخص الثاني", "Second person"),
        "gui.review.col.table": ("النوع", "Kind"),
        "gui.review.col.reason": ("سبب الرفض", "Why it was refused"),
        "gui.review.col.what": ("المحتوى", "What it carried"),
        "gui.review.col.made": ("وقت التغيير", "Made at"),
        "gui.review.keep": ("اعتماد القيمة الحالية", "Keep the current value"),
        "gui.review.restore": ("استعادة القيمة المفقودة", "Restore the lost value"),
        "gui.review.merge": ("دمجهما في شخص واحد", "Merge into one person"),
        "gui.review.different": ("شخصان مختلفان", "Different people"),
        "gui.review.retry": ("إعادة الإرسال", "Send again"),
        "gui.review.discard": ("استبعاد…", "Discard…"),
        "gui.review.discard_title": ("استبعاد تغيير مُنحّى", "Discard a set-aside change"),
        "gui.review.discard_reason": (
            "سبب الاستبعاد (يُحفظ في سجل التدقيق):",
            "Why it is discarded (kept in the audit trail):",
        ),
        "gui.review.nothing": ("لا شيء ينتظر المراجعة.", "Nothing waits for review."),
        "gui.review.done": (
            "حُفظ القرار وسيصل إلى بقية الأجهزة عند المزامنة.",
            "Decision saved; it reaches the other laptops at the next sync.",
        ),
        "gui.review.at_on": ("{when} — على جهاز {laptop}", "{when} — on laptop {laptop}"),
        "gui.review.person": (
            "{name}\nهوية: {nid} — جوال: {mobile}\n{laptop} — مسوحات: {scans}",
            "{name}\nID: {nid} — mobile: {mobile}\n{laptop} — scans: {scans}",
        ),
        "gui.review.field.full_name": ("الاسم", "name"),
        "gui.review.field.latin_name": ("الاسم باللاتينية", "Latin name"),
        "gui.review.field.mobile": ("الجوال", "mobile"),
        "gui.review.field.national_id": ("رقم الهوية", "national ID"),
        "gui.review.field.notes": ("ملاحظات", "notes"),
        "gui.review.field.title": ("العنوان", "title"),
        "gui.review.field.place": ("المكان", "place"),
        "gui.review.field.starts_at": ("البداية", "start"),
        "gui.review.field.ends_at": ("النهاية", "end"),
        "gui.review.field.status": ("الحالة", "status"),
    }
)


EMPTY = "—"  # an empty value in a table cell: the same mark in both languages, not a message


def _msg(key: str, **params: Any) -> str:
    return i18n.msg(key, **params)


#: fields whose values read left to right inside Arabic: one LTR run each, as in the people table
_LTR_FIELDS = frozenset({"mobile", "national_id", "latin_name", "badge_code"})
#: fields holding a moment (ISO text on the wire), shown as every table shows a moment
_MOMENT_FIELDS = frozenset({"starts_at", "ends_at"})


def _field(name: str) -> str:
    key = f"gui.review.field.{name}"
    text = i18n.msg(key)
    return name if text == key else text


class ReviewScreen(Screen):
    key = "review"
    topics = frozenset({"review", "sync", "people", "conflicts"})
    required_action = "sync.review"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.intro = QLabel(wordWrap=True)
        self.intro.setProperty("role", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        self.tabs = QTabWidget(objectName="reviewTabs")
        layout.addWidget(self.tabs, 1)
        self.error = QLabel(wordWrap=True, objectName="reviewError")
        self.error.setProperty("role", "error")
        layout.addWidget(self.error)

        self.conflicts_model: TableModel[ConflictItem] = TableModel(
            [
                Column(lambda: _msg("gui.review.col.record"), lambda c: c.record),
                Column(lambda: _msg("gui.review.col.field"), lambda c: _field(c.field)),
                Column(lambda: _msg("gui.review.col.kept"), lambda c: self._value(c.field, c.kept_value)),
                Column(
                    lambda: _msg("gui.review.col.kept_by"), lambda c: self._at_on(c.kept_at, c.kept_laptop)
                ),
                Column(lambda: _msg("gui.review.col.lost"), lambda c: self._value(c.field, c.lost_value)),
                Column(
                    lambda: _msg("gui.review.col.lost_by"), lambda c: self._at_on(c.lost_at, c.lost_laptop)
                ),
            ]
        )
        self.duplicates_model: TableModel[DuplicateItem] = TableModel(
            [
                Column(lambda: _msg("gui.review.col.first"), lambda d: self._person(d.first)),
                Column(lambda: _msg("gui.review.col.second"), lambda d: self._person(d.second)),
            ]
        )
        self.set_aside_model: TableModel[SetAsideItem] = TableModel(
            [
                Column(lambda: _msg("gui.review.col.table"), lambda s: f"{s.table_name} ({s.kind})"),
                Column(lambda: _msg("gui.review.col.what"), lambda s: s.summary or s.row_id[:8]),
                Column(lambda: _msg("gui.review.col.reason"), lambda s: s.reason),
                Column(lambda: _msg("gui.review.col.made"), lambda s: self.ctx.fmt_datetime(s.made_at)),
            ]
        )
        self.conflicts_table, self.keep_button, self.restore_button = self._tab(
            self.conflicts_model, "conflicts", ("keepButton", self._keep), ("restoreButton", self._restore)
        )
        self.duplicates_table, self.merge_button, self.different_button = self._tab(
            self.duplicates_model,
            "duplicates",
            ("mergeButton", self._merge),
            ("differentButton", self._different),
        )
        self.duplicates_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.set_aside_table, self.retry_button, self.discard_button = self._tab(
            self.set_aside_model, "setAside", ("retryButton", self._retry), ("discardButton", self._discard)
        )
        self._counts = (0, 0, 0)
        self.retranslate()

    def _tab(self, model: TableModel, name: str, *actions) -> tuple[QTableView, QPushButton, QPushButton]:
        page = QWidget()
        layout = QVBoxLayout(page)
        table = QTableView(objectName=f"{name}Table")
        table.setModel(model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        buttons = []
        for object_name, handler in actions:
            button = QPushButton(objectName=object_name)
            button.clicked.connect(handler)
            row.addWidget(button)
            buttons.append(button)
        buttons[0].setProperty("kind", "primary")
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, "")
        return table, buttons[0], buttons[1]

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        review = self.ctx.services.review

        def read() -> tuple[list[ConflictItem], list[DuplicateItem], list[SetAsideItem]]:
            return review.conflicts(), review.duplicates(), review.set_aside()

        self.ctx.runner.db(read, on_done=self._show)

    def _show(self, got) -> None:
        conflicts, duplicates, set_aside = got
        for model, rows, table in (
            (self.conflicts_model, conflicts, self.conflicts_table),
            (self.duplicates_model, duplicates, self.duplicates_table),
            (self.set_aside_model, set_aside, self.set_aside_table),
        ):
            model.set_rows(rows)
            if rows:
                table.setCurrentIndex(model.index(0, 0))  # the first item is ready to decide
        self.duplicates_table.resizeRowsToContents()
        self._counts = (len(conflicts), len(duplicates), len(set_aside))
        self._tab_titles()
        if not any(self._counts):
            self.error.setText("")
        for index, count in enumerate(self._counts):
            if count:
                if not self._counts[self.tabs.currentIndex()]:
                    self.tabs.setCurrentIndex(index)
                break

    def _selected(self, table: QTableView, model: TableModel):
        current = table.currentIndex()
        return model.row_at(current) if current.isValid() and current.row() < model.rowCount() else None

    def _decide(self, method, *args) -> None:
        self.error.setText("")
        self.ctx.runner.write(
            method,
            *args,
            on_done=lambda _done: self.ctx.show_message(_msg("gui.review.done"), "ok"),
            on_error=lambda exc: self.error.setText(user_message(exc)),
        )

    def _keep(self) -> None:
        item = self._selected(self.conflicts_table, self.conflicts_model)
        if item is not None:
            self._decide(self.ctx.services.review.keep, item.seq)

    def _restore(self) -> None:
        item = self._selected(self.conflicts_table, self.conflicts_model)
        if item is not None:
            self._decide(self.ctx.services.review.restore, item.seq)

    def _merge(self) -> None:
        item = self._selected(self.duplicates_table, self.duplicates_model)
        if item is not None:
            self._decide(self.ctx.services.review.merge, item.seq)

    def _different(self) -> None:
        item = self._selected(self.duplicates_table, self.duplicates_model)
        if item is not None:
            self._decide(self.ctx.services.review.different, item.seq)

    def _retry(self) -> None:
        item = self._selected(self.set_aside_table, self.set_aside_model)
        if item is not None:
            self._decide(self.ctx.services.review.retry, item.seq)

    def _discard(self) -> None:
        item = self._selected(self.set_aside_table, self.set_aside_model)
        if item is None:
            return
        reason, ok = QInputDialog.getText(
            self, _msg("gui.review.discard_title"), _msg("gui.review.discard_reason")
        )
        if ok:
            self.discard(item.seq, reason)

    def discard(self, seq: int, reason: str) -> None:
        self._decide(self.ctx.services.review.discard, seq, reason)

    # -- texts --------------------------------------------------------------------------------
    def _value(self, field: str, value: Any) -> str:
        """A kept or lost value as its field is shown elsewhere: a mobile «+966 55 070 7115» and an
        ID as one left-to-right run (`ltr`, as the people table shows them), a moment as a date and
        time (`fmt_when`), a name as it is."""
        if value is None or value == "":
            return EMPTY
        if field in _MOMENT_FIELDS and isinstance(value, str):
            try:
                return self.ctx.fmt_when(dt.datetime.fromisoformat(value))
            except ValueError:
                pass  # not a moment after all: shown as it came
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if field == "mobile":
            text = format_mobile_display(text)
        return ltr(text) if field in _LTR_FIELDS else text

    def _at_on(self, when, laptop: str) -> str:
        """'2026-11-30 13:36 — K7QZ': short enough for a column (the full date is in the audit)."""
        short = self.ctx.fmt_digits(dates.to_local(when).strftime("%Y-%m-%d %H:%M"))
        return _msg("gui.review.at_on", when=ltr(short), laptop=embed(laptop))

    def _person(self, side: PersonSide) -> str:
        none = EMPTY
        return _msg(
            "gui.review.person",
            name=side.full_name,
            nid=ltr(side.national_id) if side.national_id else none,
            mobile=ltr(format_mobile_display(side.mobile)) if side.mobile else none,
            laptop=self._at_on(side.created_at, side.laptop),
            scans=self.ctx.fmt_number(side.scans),
        )

    def _tab_titles(self) -> None:
        tables = (self.conflicts_table, self.duplicates_table, self.set_aside_table)
        for index, key in enumerate(("conflicts", "duplicates", "set_aside")):
            title = _msg(f"gui.review.tab.{key}", n=self.ctx.fmt_number(self._counts[index]))
            self.tabs.setTabText(index, title)
            tables[index].setAccessibleName(title)

    def title(self) -> str:
        return i18n.msg("nav.review")

    def activate(self) -> None:
        self.tabs.currentWidget().setFocus()

    def retranslate(self) -> None:
        self.heading.setText(_msg("gui.review.heading"))
        self.intro.setText(_msg("gui.review.intro"))
        self.keep_button.setText(_msg("gui.review.keep"))
        self.restore_button.setText(_msg("gui.review.restore"))
        self.merge_button.setText(_msg("gui.review.merge"))
        self.different_button.setText(_msg("gui.review.different"))
        self.retry_button.setText(_msg("gui.review.retry"))
        self.discard_button.setText(_msg("gui.review.discard"))
        for model in (self.conflicts_model, self.duplicates_model, self.set_aside_model):
            model.retranslate()
            model.refresh_display()
        self._tab_titles()
