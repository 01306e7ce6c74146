"""Read certificate QR payloads from what a verifier has: the text, a photo/scan, or a PDF.

Images are read with zxing-cpp. A PDF is rasterised page by page, in-process with pypdfium2
when it is installed, else with poppler's ``pdftoppm``; Qt's QtPdf is not used because this
module stays Qt-free (the CLI and the services use it). Payloads come back in page order;
FieldApp payloads (``FA1.``) before any other QR text found on the same page.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.certificates.qr import payload_from_text
from fieldapp.certificates.signing import PREFIX
from fieldapp.core import i18n
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
        "verify.zxing_missing": (
            "قارئ رموز QR (zxing-cpp) غير مثبت؛ اكتب نص الرمز بدل الملف.",
            "The QR reader (zxing-cpp) is not installed; type the code text instead of a file.",
        ),
    }
)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"})
PDF_DPI = 150  # a ~30 mm QR of 45-53 modules gets ~3.5 px per module: zxing reads it reliably


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


def payloads_from_image_file(path: Path) -> list[str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.load()
            return payloads_from_image(img)
    except (UnidentifiedImageError, OSError) as exc:
        raise DecodeError("verify.image_unreadable", path=str(path), detail=str(exc)) from None


def _pdf_pages_pdfium(path: Path, dpi: int) -> list[Image] | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DecodeError("verify.pdf_unreadable", path=str(path), detail=str(exc)) from None
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            # Grayscale halves the memory and is all the QR reader looks at.
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
            page.close()
        return images
    finally:
        pdf.close()


def _pdf_pages_pdftoppm(path: Path, dpi: int) -> list[Image] | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="fieldapp-verify-") as tmp:
        result = subprocess.run(
            [exe, "-r", str(dpi), "-gray", "-png", str(path), str(Path(tmp) / "page")],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "pdftoppm failed"
            raise DecodeError("verify.pdf_unreadable", path=str(path), detail=detail)
        images = []
        # pdftoppm pads page numbers to the page count's width: sort by the number, not the text.
        for png in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(png) as img:
                img.load()
                images.append(img.copy())
        return images


def pdf_page_images(path: Path, dpi: int = PDF_DPI) -> list[Image]:
    for rasterise in (_pdf_pages_pdfium, _pdf_pages_pdftoppm):
        images = rasterise(path, dpi)
        if images is not None:
            return images
    raise DecodeError("verify.no_pdf_renderer")


def payloads_from_pdf(path: Path, dpi: int = PDF_DPI) -> list[str]:
    """Payloads of every page, in page order."""
    texts: list[str] = []
    for image in pdf_page_images(path, dpi):
        texts.extend(payloads_from_image(image))
    return texts


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
    if suffix == ".pdf":
        texts = payloads_from_pdf(path)
    elif suffix in IMAGE_SUFFIXES:
        texts = payloads_from_image_file(path)
    else:
        raise DecodeError("verify.file_type", path=str(path))
    if not texts:
        raise DecodeError("verify.no_qr", path=str(path))
    return texts
