"""Certificates per second into one PDF, each page with a signed QR (single core, in memory).

``certificates_per_s`` uses our path (segno + merged rectangles, static page parts as forms);
``certificates_rl_qr_per_s`` draws the same page with ReportLab's own QR widget: the floor.
"""

from __future__ import annotations

import io
import time
from datetime import date

from fieldapp.certificates import signing
from fieldapp.certificates.render import CertificateData, render_certificates

_NAMES = (
    "عبدالله بن خميس الزايدي",
    "مُحَمَّد عَلِيّ",
    "إلـــهام الشمري",
    "گلپری ژاله کریمی",
    "نورة بنت سعد القحطاني",
)


def _items(n: int) -> list[CertificateData]:
    private, _ = signing.generate_key()
    issue = date(2025, 3, 30)
    items = []
    for i in range(n):
        name = f"{_NAMES[i % len(_NAMES)]}"
        serial = f"R-2025-{i:06d}"
        hours = 4 + (i % 17) / 2
        payload = signing.sign_payload(private, signing.make_payload(serial, "E7K2Q", hours, issue, name))
        items.append(
            CertificateData(
                serial=serial,
                full_name=name,
                event_title="ملتقى التطوع البلدي (النسخة الثالثة)",
                body_name="أمانة منطقة الرياض",
                place="حديقة الملك عبدالله بالملز",
                hours=hours,
                issue_date=issue,
                event_date=issue,
                template_key=("attendance-ar", "appreciation-ar")[i % 2],
                qr_payload=payload,
                national_id="1000000008",
                signatory_name="م. خالد بن سعد العمري",
            )
        )
    return items


def _rate(items: list[CertificateData], qr_backend: str) -> float:
    out = io.BytesIO()
    start = time.perf_counter()
    render_certificates(items, out=out, org_name="أمانة منطقة الرياض", qr_backend=qr_backend)
    return len(items) / (time.perf_counter() - start)


def run(n: int = 500) -> dict:
    items = _items(n)
    _rate(items[:5], "segno")  # warm-up: font registration, caches
    fast = _rate(items, "segno")
    floor = _rate(items[: max(5, n // 10)], "reportlab")
    return {"certificates_per_s": round(fast, 1), "certificates_rl_qr_per_s": round(floor, 1)}


if __name__ == "__main__":
    print(run())
