"""QR codes on certificates: encoded once with segno, drawn as merged filled rectangles.

ReportLab's own QR widget encodes in pure Python on every draw (about 14 pages/s); segno is much
faster, and merging each row's horizontal runs of dark modules into one rectangle keeps the page
content small (a few hundred rectangles instead of ~1000 squares). The widget is kept only as
the benchmark floor.

When the organisation's server has a public address (the setting `certificates.verify_address`),
the QR holds a web address instead of the bare signed payload, so any phone camera opens the
server's verification page: ``HTTPS://VERIFY.EXAMPLE.SA/V/FA1.<BODY>.<SIG>``. The scheme and host
are written in upper case (both are case-blind) and the page answers ``/V/`` as well as ``/v/``,
so the whole text stays in the QR's dense alphanumeric mode. The payload inside is unchanged:
`fieldapp verify` and the app read it out of the address and verify it offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno

if TYPE_CHECKING:  # only drawn on: the server's pages read payloads without loading ReportLab
    from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, required by readers


# Fixed data mask. Choosing the "best" of the 8 masks is 80% of segno's encoding time (about
# 7 ms of 9 per certificate); every mask is valid for readers, and with a signature (random
# bytes) in the payload the 8 penalty scores hardly differ. Pass mask=None for the search.
DEFAULT_MASK = 2


@dataclass(frozen=True, slots=True)
class QRMatrix:
    """Dark-module runs of one symbol: (row, first column, length), plus its size in modules."""

    modules: int
    version: int
    runs: tuple[tuple[int, int, int], ...]

    @property
    def pdf_ops(self) -> str:
        """PDF path operators for the runs, in module units (row 0 at the top, y down)."""
        return "\n".join(f"{c} {r} {n} 1 re" for r, c, n in self.runs) + "\nf"


def encode(payload: str, error: str = "m", mask: int | None = DEFAULT_MASK) -> QRMatrix:
    """Encode ``payload``; segno picks the smallest version and the densest mode (alphanumeric
    for our upper-case base32 payloads)."""
    # boost_error=False: keep the version as small as the payload allows at this level.
    qr = segno.make_qr(payload, error=error, boost_error=False, mask=mask)
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr.matrix):
        start = -1
        for c, dark in enumerate(row):
            if dark & 1:
                if start < 0:
                    start = c
            elif start >= 0:
                runs.append((r, start, c - start))
                start = -1
        if start >= 0:
            runs.append((r, start, len(row) - start))
    return QRMatrix(modules=len(qr.matrix), version=int(qr.version), runs=tuple(runs))


VERIFY_PATH = "/V/"


def qr_text(payload: str, verify_address: str = "") -> str:
    """What the certificate's QR holds: the payload, or the verification page's address for it."""
    address = verify_address.strip().rstrip("/")
    if not address:
        return payload
    scheme, _, rest = address.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.upper()}://{host.upper()}{slash}{path}{VERIFY_PATH}{payload}"


def payload_from_text(text: str) -> str:
    """The signed payload in a scanned QR text: the text itself, or the tail of a verification
    address (``…/V/FA1.…``, any case)."""
    text = text.strip()
    upper = text.upper()
    marker = upper.rfind(VERIFY_PATH + "FA1.")
    if marker > 0 and upper.startswith(("HTTP://", "HTTPS://")):
        return text[marker + len(VERIFY_PATH) :]
    return text


def draw_qr(
    canvas: Canvas,
    matrix: QRMatrix,
    x: float,
    y: float,
    size: float,
    quiet_zone: int = QUIET_ZONE,
    color: tuple[float, float, float] = (0, 0, 0),
) -> None:
    """Draw ``matrix`` with its lower-left corner (quiet zone included) at ``(x, y)``."""
    total = matrix.modules + 2 * quiet_zone
    m = size / total
    top = y + size - quiet_zone * m
    left = x + quiet_zone * m
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)  # white quiet zone over any background
    canvas.setFillColorRGB(*color)
    # One filled path in module coordinates: integers, no per-rectangle float formatting
    # (ReportLab's rect() costs ~15 us each in pure Python). One path also means no seams.
    canvas.transform(m, 0, 0, -m, left, top)
    canvas.addLiteral(matrix.pdf_ops)
    canvas.restoreState()


def draw_qr_with_reportlab_widget(
    canvas: Canvas, payload: str, x: float, y: float, size: float, error: str = "M"
) -> None:
    """The slow path (ReportLab's widget): only for the benchmark floor."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(payload, barLevel=error, barBorder=QUIET_ZONE)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
