"""The rendered certificates on screen (QtPdf), with page navigation, zoom and the print buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.context import GuiContext

ZOOM_STEP = 1.25


class PdfPreview(QWidget):
    """Shows one PDF (or one of several per-person files) and offers printing.

    `print_requested(with_dialog)` asks the screen to print the certificates shown.
    """

    print_requested = Signal(bool)  # True: through the print dialog; False: the default printer

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.certificate_ids: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)

        bar = QHBoxLayout()
        self.file_combo = QComboBox(objectName="previewFile")
        self.file_combo.setMinimumWidth(280)
        self.file_combo.currentIndexChanged.connect(self._file_chosen)
        self.prev_button = QPushButton(objectName="previewPrev")
        self.next_button = QPushButton(objectName="previewNext")
        self.page_label = QLabel(objectName="previewPage")
        self.zoom_out_button = QPushButton("−", objectName="previewZoomOut")
        self.zoom_in_button = QPushButton("+", objectName="previewZoomIn")
        self.fit_button = QPushButton(objectName="previewFit")
        self.folder_button = QPushButton(objectName="previewFolder")
        self.print_button = QPushButton(objectName="previewPrint")
        self.print_button.setProperty("kind", "primary")
        self.direct_button = QPushButton(objectName="previewPrintDefault")
        for w in (self.file_combo, self.prev_button, self.page_label, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.folder_button, self.direct_button, self.print_button):
            bar.addWidget(w)
        layout.addLayout(bar)

        self.empty_label = QLabel(objectName="previewEmpty", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self, objectName="previewView")
        # PDF pages are laid out left to right whatever the UI direction.
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setDocumentMargins(QMargins(8, 8, 8, 8))
        layout.addWidget(self.view, 1)
        self.navigator = self.view.pageNavigator()
        # Bound methods, not lambdas: Qt drops them when this widget goes away.
        self.navigator.currentPageChanged.connect(self._update_page_label)
        self.document.pageCountChanged.connect(self._update_page_label)

        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        self.folder_button.clicked.connect(self._open_folder)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(True))
        self.direct_button.clicked.connect(lambda: self.print_requested.emit(False))
        self.retranslate()
        self.show_files([], [])

    # -- content ------------------------------------------------------------------------------
    def show_files(self, files: list[Path], certificate_ids: list[str]) -> None:
        self.files = list(files)
        self.certificate_ids = list(certificate_ids)
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for path in self.files:
            self.file_combo.addItem(path.name, str(path))
        self.file_combo.blockSignals(False)
        self.file_combo.setVisible(len(self.files) > 1)
        has = bool(self.files)
        self.empty_label.setVisible(not has)
        self.view.setVisible(has)
        for w in (
            self.prev_button,
            self.next_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.folder_button,
            self.print_button,
            self.direct_button,
        ):
            w.setEnabled(has)
        if has:
            self._load(self.files[0])
        else:
            self.document.close()
            self._update_page_label()

    def _file_chosen(self, index: int) -> None:
        if 0 <= index < len(self.files):
            self._load(self.files[index])

    def _load(self, path: Path) -> None:
        self.document.close()
        self.document.load(str(path))
        self.fit()
        self.go_to_page(0)

    @property
    def current_file(self) -> Path | None:
        index = self.file_combo.currentIndex()
        return self.files[index] if 0 <= index < len(self.files) else None

    def current_certificate(self) -> int:
        """The index in `certificate_ids` of the certificate on screen (one file each, or one page each)."""
        return self.file_combo.currentIndex() if len(self.files) > 1 else self.current_page()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to_page(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = max(0, min(page, self.page_count() - 1))
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())
        self._update_page_label()

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def fit(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _open_folder(self) -> None:
        path = self.current_file
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _update_page_label(self, *_args: object) -> None:
        total = self.page_count()
        current = self.current_page() + 1 if total else 0
        self.page_label.setText(
            self.tr("صفحة {0} من {1}").format(self.ctx.fmt_number(current), self.ctx.fmt_number(total))
        )
        self.prev_button.setEnabled(total > 0 and current > 1)
        self.next_button.setEnabled(total > 0 and current < total)

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("السابقة"))
        self.next_button.setText(self.tr("التالية"))
        self.fit_button.setText(self.tr("ملء الإطار"))
        self.folder_button.setText(self.tr("فتح المجلد"))
        self.print_button.setText(self.tr("طباعة…"))
        self.direct_button.setText(self.tr("طباعة على الطابعة الافتراضية"))
        self.empty_label.setText(
            self.tr("لا توجد شهادات للمعاينة بعد. أصدر الشهادات من تبويب «الإصدار» أو أعد طباعة شهادة صادرة.")
        )
        self.file_combo.setAccessibleName(self.tr("الملف المعروض"))
        self.prev_button.setAccessibleName(self.tr("الصفحة السابقة"))
        self.next_button.setAccessibleName(self.tr("الصفحة التالية"))
        self.zoom_in_button.setAccessibleName(self.tr("تكبير"))
        self.zoom_out_button.setAccessibleName(self.tr("تصغير"))
        self.zoom_in_button.setToolTip(self.tr("تكبير"))
        self.zoom_out_button.setToolTip(self.tr("تصغير"))
        self._update_page_label()
