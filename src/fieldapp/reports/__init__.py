"""Exports for people outside the app: attendance and the gift log as Excel sheets and Arabic PDFs.

Qt-free (the GUI and the CLI both call these). Every function writes one file and returns its path:

    attendance_xlsx(attendance, event, path, organisation="…")
    attendance_pdf(attendance, event, path, organisation="…")
    gift_log_xlsx(rows, path, title="…")
    gift_log_pdf(rows, path, title="…", organisation="…")

`attendance` is services.attendance.EventAttendance, `event` services.events.EventView, `rows` the
HandoverViews of services.gifts.log(). `organisation_name(services)` gives the name to print.
"""

from fieldapp.reports.labels import flags_text, organisation_name
from fieldapp.reports.pdf import attendance_pdf, gift_log_pdf
from fieldapp.reports.xlsx import attendance_xlsx, gift_log_xlsx

__all__ = [
    "attendance_pdf",
    "attendance_xlsx",
    "flags_text",
    "gift_log_pdf",
    "gift_log_xlsx",
    "organisation_name",
]
