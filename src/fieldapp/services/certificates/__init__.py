"""Certificates: who is eligible, issuing (signed, serialled facts), printing, voiding, verifying.

A certificate is an insert-only fact: a reprint keeps the serial and the signed QR, every print is
logged as a CertificatePrint fact, a void is a Void. One module per job, joined into one service:

    issuing.py       eligibility, issue, serials and the signing key
    printing.py      render to PDF, the print log, and the issue-and-print use cases
    records.py       the issued list, voiding
    verification.py  verify a code, an image or a PDF, offline
    templates.py     templates with the organisation's edits, the live preview, logo and signature
    common.py        what they share (live and voided certificates, the QR payload's parts)

The parts call one another through `self` (printing issues through issuing's steps and prints with
the templates), so they are only used together, as `CertificatesService`.
"""

from __future__ import annotations

from fieldapp.services.certificates.issuing import (
    Eligibility,
    EligibleRow,
    IssueChoices,
    IssuedBatch,
    IssuedCertificate,
    Issuing,
)
from fieldapp.services.certificates.printing import (
    PRINT_KINDS,
    BatchResult,
    PersonCertificate,
    Printing,
    PrintLogRow,
    Rendered,
)
from fieldapp.services.certificates.records import CertificateView, CertificateVoid, Records
from fieldapp.services.certificates.templates import BRANDING_KEYS, TEMPLATE_FIELDS, Templates
from fieldapp.services.certificates.verification import Verification, VerifyOutcome


class CertificatesService(Issuing, Printing, Records, Verification, Templates):
    """The certificates API: `services.certificates` (see the module doc for which part does what)."""


__all__ = [
    "BRANDING_KEYS",
    "PRINT_KINDS",
    "TEMPLATE_FIELDS",
    "BatchResult",
    "CertificateView",
    "CertificateVoid",
    "CertificatesService",
    "Eligibility",
    "EligibleRow",
    "IssueChoices",
    "IssuedBatch",
    "IssuedCertificate",
    "PersonCertificate",
    "PrintLogRow",
    "Rendered",
    "VerifyOutcome",
]
