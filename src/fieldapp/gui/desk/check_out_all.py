"""«تسجيل خروج الجميع»: the confirmation asked before checking out everyone still in (No by default)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.core import dates
from fieldapp.gui.context import GuiContext


class CheckOutAllBox(QMessageBox):
    def __init__(self, ctx: GuiContext, inside: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskCheckOutAllConfirm")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("تسجيل خروج الجميع"))
        self.setText(
            self.tr("تسجيل خروج جميع الموجودين الآن ({0}) في الساعة {1}؟").format(
                ctx.fmt_number(inside), ctx.fmt_time(dates.now())
            )
        )
        self.setInformativeText(self.tr("يُستخدم عند نهاية الفعالية. يمكن للمشرف إلغاء أي خروج لاحقًا."))
        self.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        self.setDefaultButton(QMessageBox.StandardButton.No)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.button(QMessageBox.StandardButton.Yes)
