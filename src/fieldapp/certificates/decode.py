"""Read certificate QR payloads from what a verifier has: the text, a photo/scan, or a PDF.

Images are read with zxing-cpp. A PDF is rasterised one page at a time, with pypdfium2 when it
is installed, else with poppler's ``pdftoppm``; Qt's QtPdf is not used because this module stays
Qt-free (the CLI and the services use it). Payloads come back in page order; FieldApp payloads
(``FA1.``) before any other QR text found on the same page.

A verifier is handed files from anyone, so what is read is bounded: an image of more than
MAX_IMAGE_PIXELS (a "decompression bomb") is unreadable, a PDF of more than MAX_PDF_PAGES pages
too, and a giant page is rendered at a lower resolution so it never takes more than
MAX_PAGE_PIXELS. `read_payloads` reads a file in a child process with capped memory
(core.isolated): a file that crashes a native decoder cannot take the app down.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.certificates.qr import payload_from_text
from fieldapp.certificates.signing import PREFIX
from fieldapp.core import i18n, isolated
from fieldapp.core.errors import FieldAppError

if TYPE_CHECKING:
    from PIL.Image import Image

i18n.register(
    {
        "verify.file_missing": (
            "الملف {path} غير موجود؛ اكتب مسار ملف PDF أو صورة (PNG/JPG)، أو نص الرمز الذي يبدأ بـ FA1.",
            "The file {path} does not exist; give a PDF or image (PNG/JPG) path, or the code text starting FA1.",
        ),
        "verify.file_type": (
            "نوع الملف {path} غير مدعوم؛ المتاح: PDF أو PNG أو JPG.",
            "The file type of {path} is not supported; use a PDF, PNG or JPG.",
        ),
        "verify.image_unreadable": (
            "تعذّرت قراءة الصورة {path}: {detail}",
            "The image {path} could not be read: {detail}",
        ),
        "verify.no_qr": (
            "لم يُعثر على رمز QR في {path}؛ صوّر الشهادة كاملة بإضاءة جيدة وبدقة أعلى، أو اكتب نص الرمز.",
            "No QR code was found in {path}; photograph the whole certificate in good light at a higher "
            "resolution, or type the code text.",
        ),
        "verify.no_pdf_renderer": (
            "لا يمكن قراءة ملفات PDF على هذا الجهاز (لا يوجد pypdfium2 ولا pdftoppm)؛ صدّر الصفحة صورة PNG وتحقق منها.",
            "PDF files cannot be read on this laptop (neither pypdfium2 nor pdftoppm is available); "
            "export the page as a PNG and verify that.",
        ),
        "verify.pdf_unreadable": (
            "تعذّرت قراءة ملف PDF {path}: {detail}",
            "The PDF {path} could not be read: {detail}",
        ),
        "verify.image_too_big": (
            "الصورة {path} أكبر مما يُقرأ (أكثر من {limit} مليون نقطة)؛ صغّرها أو صوّر الشهادة وحدها.",
            "The image {path} is too big to read (more than {limit} million pixels); shrink it or "
            "photograph the certificate alone.",
        ),
        "verify.too_many_pages": (
            "ملف PDF {path} فيه {pages} صفحة، والحد {limit}؛ صدّر صفحة الشهادة وحدها وتحقق منها.",
            "The PDF {path} has {pages} pages, and the limit is {limit}; export the certificate's page "
            "alone and verify that.",
        ),
        "verify.file_failed": (
            "تعذّرت قراءة الملف {path}: إما أنه أكبر من أن يُقرأ وإما أنه تالف.",
            "The file {path} could not be read: it is too big to read or damaged.",
        ),
        "verify.zxing_missing": (
            "قارئ رموز QR (zxing-cpp) غير مثبت؛ اكتب نص الرمز بدل الملف.",
            "The QR reader (zxing-cpp) is not installed; type the code text instead of a file.",
        ),
    }
)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"})
PDF_DPI = 150  # a ~30 mm QR of 45-53 modules gets ~3.5 px per module: zxing reads it reliably
MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; a grey copy of it is 60 MB
MAX_PDF_PAGES = 500
MAX_PAGE_PIXELS = 25_000_000  # an A4 page at 150 dpi is 2.2 million


class DecodeError(FieldAppError):
    """The input could not be read (missing file, no QR, no PDF renderer)."""


def is_payload_text(text: str) -> bool:
    """A signed payload, bare or inside a verification address."""
    return payload_from_text(text).upper().startswith(PREFIX)


def looks_like_path(text: str) -> bool:
    """A verifier typed a file name, not a code (used to say "file missing" instead of "malformed")."""
    suffix = Path(text.strip()).suffix.lower()
    return suffix == ".pdf" or suffix in IMAGE_SUFFIXES


def _order(texts: list[str]) -> list[str]:
    """Payloads (taken out of their verification address) first, other QR texts after."""
    texts = [payload_from_text(t) for t in texts]
    return [t for t in texts if is_payload_text(t)] + [t for t in texts if not is_payload_text(t)]


def payloads_from_image(image: Image) -> list[str]:
    """Texts of every QR code in a PIL image (FieldApp payloads first)."""
    try:
        import zxingcpp
    except ImportError:
        raise DecodeError("verify.zxing_missing") from None
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return _order([code.text for code in found if code.valid and code.text])


def _open_image(path: Path) -> Image:
    """The image, loaded; refused before decoding when it has more than MAX_IMAGE_PIXELS."""
    from PIL import Image, UnidentifiedImageError

    too_big = DecodeError("verify.image_too_big", path=str(path), limit=MAX_IMAGE_PIXELS // 10**6)
    try:
        img = Image.open(path)
        width, height = img.size
        if width * height > MAX_IMAGE_PIXELS:
            img.close()
            raise too_big
        img.load()
    except Image.DecompressionBombError:  # PIL's own guard (a frame larger than its header says)
        raise too_big from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise DecodeError("verify.image_unreadable", path=str(path), detail=type(exc).__name__) from None
    return img


def payloads_from_image_file(path: Path) -> list[str]:
    return payloads_from_image(_open_image(path))


def _check_pages(path: Path, pages: int) -> None:
    if pages > MAX_PDF_PAGES:
        raise DecodeError("verify.too_many_pages", path=str(path), pages=pages, limit=MAX_PDF_PAGES)


def _pdf_pages_pdfium(path: Path, dpi: int) -> Iterator[Image] | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DecodeError("verify.pdf_unreadable", path=str(path), detail=str(exc)) from None
    _check_pages(path, len(pdf))

    def pages() -> Iterator[Image]:
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                width, height = page.get_size()  # points
                # A giant page is drawn smaller, never more than MAX_PAGE_PIXELS.
                scale = min(dpi / 72, (MAX_PAGE_PIXELS / max(width * height, 1.0)) ** 0.5)
                # Grayscale halves the memory and is all the QR reader looks at.
                yield page.render(scale=scale, grayscale=True).to_pil()
                page.close()
        finally:
            pdf.close()

    return pages()


def _pdf_pages_pdftoppm(path: Path, dpi: int) -> Iterator[Image] | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None

    def pages() -> Iterator[Image]:
        with tempfile.TemporaryDirectory(prefix="fieldapp-verify-") as tmp:
            # At most MAX_PDF_PAGES pages, each fitting MAX_PAGE_PIXELS at most (a square box).
            box = int(MAX_PAGE_PIXELS**0.5)
            args = [exe, "-r", str(dpi), "-l", str(MAX_PDF_PAGES), "-gray", "-png"]
            result = subprocess.run(
                [*args, "-scale-to", str(box), str(path), str(Path(tmp) / "page")]
                if _giant_pages(path, dpi, box)
                else [*args, str(path), str(Path(tmp) / "page")],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                detail = (
                    result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "pdftoppm failed"
                )
                raise DecodeError("verify.pdf_unreadable", path=str(path), detail=detail)
            # pdftoppm pads page numbers to the page count's width: sort by the number, not the text.
            for png in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
                yield _open_image(png)
                png.unlink()

    return pages()


def _giant_pages(path: Path, dpi: int, box: int) -> bool:
    """Whether pdfinfo reports a page (or a page count) larger than is rendered at `dpi`."""
    exe = shutil.which("pdfinfo")
    if exe is None:
        return True
    result = subprocess.run([exe, str(path)], capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            _check_pages(path, int(line.split()[1]))
        if line.startswith("Page size:"):
            width, height = (float(v) for v in line.split()[2:5:2])
            if max(width, height) * dpi / 72 > box:
                return True
    return False


def pdf_page_images(path: Path, dpi: int = PDF_DPI) -> Iterator[Image]:
    """The PDF's pages as images, one at a time."""
    for rasterise in (_pdf_pages_pdfium, _pdf_pages_pdftoppm):
        images = rasterise(path, dpi)
        if images is not None:
            return images
    raise DecodeError("verify.no_pdf_renderer")


def payloads_from_pdf(path: Path, dpi: int = PDF_DPI) -> list[str]:
    """Payloads of every page, in page order (one page in memory at a time)."""
    texts: list[str] = []
    for image in pdf_page_images(path, dpi):
        texts.extend(payloads_from_image(image))
    return texts


def payloads_in_child(send: Callable[[Any], None], path_text: str) -> None:
    """In the child process (core.isolated): the payloads of the file, or the DecodeError's key."""
    path = Path(path_text)
    try:
        texts = payloads_from_pdf(path) if path.suffix.lower() == ".pdf" else payloads_from_image_file(path)
    except DecodeError as exc:
        send(("error", exc.key, exc.params))
    else:
        send(("ok", texts, None))


def _payloads_of_file(path: Path) -> list[str]:
    try:
        for status, value, params in isolated.stream(payloads_in_child, str(path)):
            if status == "error":
                raise DecodeError(value, **params)
            return value
    except isolated.ChildFailed:
        pass
    raise DecodeError("verify.file_failed", path=str(path))


def read_payloads(target: str | Path) -> list[str]:
    """The QR payload texts in ``target``: the text itself, an image file or a PDF.

    Raises DecodeError when a file is missing or unreadable or holds no QR code. Text that is
    neither a payload nor a file is returned as it is (the verifier calls it malformed).
    """
    if isinstance(target, str) and is_payload_text(target):
        return [payload_from_text(target)]
    path = Path(target)
    if not path.is_file():
        if isinstance(target, str) and not looks_like_path(target):
            return [target.strip()]
        raise DecodeError("verify.file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix != ".pdf" and suffix not in IMAGE_SUFFIXES:
        raise DecodeError("verify.file_type", path=str(path))
    texts = _payloads_of_file(path)
    if not texts:
        raise DecodeError("verify.no_qr", path=str(path))
    return texts
