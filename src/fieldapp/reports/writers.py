"""The report files the app and the command line both write: read through the services, then write.

One place for both, so `fieldapp report …` gives HQ the very file the Events and Gifts screens
export. Called on the GUI's DB thread, or by the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.reports.labels import organisation_name
from fieldapp.reports.pdf import attendance_pdf, gift_log_pdf
from fieldapp.reports.xlsx import attendance_xlsx, gift_log_xlsx

if TYPE_CHECKING:
    from fieldapp.services import Services

GIFT_LOG_TITLE = "سجل الهدايا"  # the reports are Arabic whatever the UI language


def gift_log_title(event_title: str | None = None) -> str:
    return f"{GIFT_LOG_TITLE} — {event_title}" if event_title else GIFT_LOG_TITLE


def write_attendance(services: Services, event_id: str, path: str | Path, kind: str) -> Path:
    """The event's attendance sheet as `kind` (xlsx or pdf)."""
    event = services.events.get(event_id)
    attendance = services.attendance.event_attendance(event_id)
    if kind == "xlsx":
        return attendance_xlsx(attendance, event, path, organisation_name(services))
    # the PDF's times, hours and page numbers in the digits the user chose
    return attendance_pdf(
        attendance, event, path, organisation_name(services), services.settings.get("ui.digits")
    )


def write_gift_log(
    services: Services, path: str | Path, kind: str, title: str, filters: dict[str, Any] | None = None
) -> Path:
    """services.gifts.log(**filters) as `kind` (xlsx or pdf)."""
    rows = services.gifts.log(**(filters or {}))
    if kind == "xlsx":
        return gift_log_xlsx(rows, path, title, organisation_name(services))
    return gift_log_pdf(rows, path, title, organisation_name(services), services.settings.get("ui.digits"))
