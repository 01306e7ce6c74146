"""Putting rendered certificate PDFs on paper.

QtPdf rasterises each page at the printer's resolution (300 dpi: sharp text and QR, pages of a
few MB; 1200 dpi would make 5 MB pages and slow printers down) and QPainter draws it on the
QPrinter. `print_pages` is the one code path: the print dialog, the default printer and the tests
(a QPrinter in PdfFormat writing to a file) all go through it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

PRINT_DPI = 300


class PrintError(Exception):
    """The PDF could not be read or the printer refused to start; the message says which."""


def new_printer(printer_name: str | None = None) -> QPrinter:
    """A high-resolution QPrinter at 300 dpi, on the named (or the system's default) printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    if printer_name:
        printer.setPrinterName(printer_name)
    return printer


def default_printer_name() -> str | None:
    """The system's default printer, or None when there is none (a headless machine, no CUPS)."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull() or not info.printerName():
        return None
    return info.printerName()


def printer_label(printer: QPrinter) -> str:
    """What the print log records: the printer's name, or the file a PDF 'printer' writes."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return f"PDF: {Path(printer.outputFileName()).name}"
    return printer.printerName() or "?"


def _page_layout_for(doc: QPdfDocument) -> QPageLayout:
    """The paper of the certificate itself (A4/A5, landscape or portrait), no margins."""
    points = doc.pagePointSize(0)
    landscape = points.width() > points.height()
    portrait_size = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def _fit(source: QSizeF, target: QRect) -> QRect:
    """`source` scaled to fit inside `target`, centred, aspect kept."""
    if source.width() <= 0 or source.height() <= 0:
        return target
    scale = min(target.width() / source.width(), target.height() / source.height())
    w, h = round(source.width() * scale), round(source.height() * scale)
    return QRect(target.x() + (target.width() - w) // 2, target.y() + (target.height() - h) // 2, w, h)


def chosen_pages(printer: QPrinter, count: int, current: int | None = None) -> list[int]:
    """The pages (0-based, of `count`) the print dialog asked for: a range («8–8»), the current
    page, or all. The printer is then set back to «all»: it is given exactly these pages to print
    (a print system told 8–8 of a one-page file would print nothing)."""
    wanted = printer.printRange()
    if wanted == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = list(range(printer.fromPage() - 1, min(printer.toPage(), count)))
    elif wanted == QPrinter.PrintRange.CurrentPage and current is not None and 0 <= current < count:
        pages = [current]
    else:
        pages = list(range(count))
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    printer.setFromTo(0, 0)
    return pages


def copies(printer: QPrinter) -> int:
    """How many copies were asked for (the dialog's «Copies»)."""
    return max(1, printer.copyCount())


def print_pages(
    printer: QPrinter, pdf_path: str | Path, match_paper: bool = True
) -> Iterator[tuple[int, int]]:
    """Print every page of `pdf_path` on `printer`, one page at a time: yields (pages done, total)
    after each page, so the GUI can let the event loop breathe between pages (a 300 dpi page takes
    a noticeable moment).

    With `match_paper` the printer's paper follows the certificate (A4/A5 landscape), so the
    coordinator does not have to set it in the dialog. Raises PrintError when the PDF cannot be
    read or the printer cannot start.
    """
    doc = QPdfDocument()
    error = doc.load(str(pdf_path))
    if error != QPdfDocument.Error.None_ or doc.pageCount() == 0:
        raise PrintError(f"cannot read {pdf_path}: {error.name}")
    if printer.resolution() != PRINT_DPI:
        printer.setResolution(PRINT_DPI)
    if match_paper:
        printer.setFullPage(True)  # the certificate carries its own margins and frame
        printer.setPageLayout(_page_layout_for(doc))
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise PrintError(f"the printer {printer_label(printer)} did not start")
    # A printer that cannot make copies itself (a PDF file, a print system without CUPS) is given
    # the pages as many times as asked.
    repeat = 1 if printer.supportsMultipleCopies() else copies(printer)
    order = [page for _ in range(repeat) for page in range(doc.pageCount())]
    total = len(order)
    try:
        for done, page in enumerate(order):
            if done > 0 and not printer.newPage():
                raise PrintError(f"the printer {printer_label(printer)} refused page {done + 1}")
            box = _fit(doc.pagePointSize(page), painter.viewport())
            image = doc.render(page, QSize(box.width(), box.height()))
            painter.drawImage(box, image)
            yield done + 1, total
    finally:
        painter.end()
        doc.close()
