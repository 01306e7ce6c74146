"""The organisation's logo and the signatory's signature for certificates (Settings, certificate tab).

A chosen image is copied into DATA_DIR/branding, so the certificates keep printing when the
original file on a USB stick is gone; the setting holds the copy's path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.file_dialog import file_dialog
from fieldapp.services import Done
from fieldapp.services.certificates import BRANDING_KEYS

IMAGE_FILTER = "*.png *.jpg *.jpeg"


class BrandingBox(QGroupBox):
    """Two rows: logo and signature, each with a thumbnail, «اختر صورة…» and «إزالة»."""

    KEYS = BRANDING_KEYS

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="brandingBox")
        self.ctx = ctx
        grid = QGridLayout(self)
        self.labels, self.previews, self.choose, self.clear = {}, {}, {}, {}
        for row, key in enumerate(self.KEYS):
            self.labels[key] = QLabel()
            self.previews[key] = QLabel(objectName=f"{key.split('.')[-1]}Preview")
            self.previews[key].setFixedSize(180, 60)
            self.previews[key].setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.choose[key] = QPushButton(objectName=f"{key.split('.')[-1]}Choose")
            self.clear[key] = QPushButton(objectName=f"{key.split('.')[-1]}Clear")
            self.choose[key].clicked.connect(lambda _=False, k=key: self.pick(k))
            self.clear[key].clicked.connect(lambda _=False, k=key: self.set_image(k, None))
            for column, widget in enumerate(
                (self.labels[key], self.previews[key], self.choose[key], self.clear[key])
            ):
                grid.addWidget(widget, row, column)
        grid.setColumnStretch(4, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("صور الشهادات"))
        names = {
            "certificates.logo": self.tr("شعار الجهة"),
            "certificates.signature": self.tr("صورة التوقيع"),
        }
        for key in self.KEYS:
            self.labels[key].setText(names[key])
            self.choose[key].setText(self.tr("اختر صورة…"))
            self.choose[key].setAccessibleName(names[key])
            self.clear[key].setText(self.tr("إزالة"))
            self.clear[key].setAccessibleName(self.tr("إزالة") + " " + names[key])
        self.setEnabled(self.ctx.can("settings.edit"))
        self.setToolTip("" if self.isEnabled() else self.tr("يغيّرها مدير النظام فقط."))
        self.show_current()  # «لا توجد» in the new language

    def show_current(self) -> None:
        for key in self.KEYS:
            path = self.ctx.settings.get(key) or ""
            pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
            preview = self.previews[key]
            if pixmap.isNull():
                preview.setPixmap(QPixmap())
                preview.setText(self.tr("لا توجد"))
            else:
                preview.setPixmap(
                    pixmap.scaled(
                        preview.size(),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            self.clear[key].setEnabled(not pixmap.isNull())

    def pick(self, key: str) -> None:
        dialog = file_dialog(self, self.labels[key].text(), "", IMAGE_FILTER)
        dialog.fileSelected.connect(lambda path: self.set_image(key, Path(path)))
        dialog.open()

    def set_image(self, key: str, source: Path | None) -> None:
        """Copy `source` into the branding folder and save the setting (None removes the image)."""

        def saved(done: Done) -> None:
            self.ctx.settings[key] = done.value
            self.show_current()

        self.ctx.runner.write(
            self.ctx.services.certificates.set_branding_image,
            key,
            source,
            self.ctx.data_dir.root / "branding",
            on_done=saved,
        )
