"""The check-in desk's data: scans in and out, undo and void, and attendance derived from the scans.

service.py    AttendanceService: the writes (scan, undo, void, check_out_everyone) and the reads
scanning.py   the single steps on an open session (record_scan, void_scan, ...), shared with
              the composite use cases (the desk's walk-in: create, register, check in)
queries.py    the SQL, each query on an open session
results.py    the frozen dataclasses returned
messages.py   the attendance.* messages and their rendering in either language
"""

from fieldapp.services.attendance.results import (
    AttendanceCounts,
    AttendanceRow,
    DeskSummary,
    EventAttendance,
    InNow,
    RecentScan,
    ScanPerson,
    ScanResult,
    VoidResult,
)
from fieldapp.services.attendance.service import AttendanceService

__all__ = [
    "AttendanceCounts",
    "AttendanceRow",
    "AttendanceService",
    "DeskSummary",
    "EventAttendance",
    "InNow",
    "RecentScan",
    "ScanPerson",
    "ScanResult",
    "VoidResult",
]
