"""A volunteer's record in People, driven as a coordinator does: open it from the roster, read the
events and the yearly totals, issue the cumulative hours certificate (a verifiable PDF), reprint it
from the record, and export the organisation's hours report."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.gui.people import PeopleScreen
from fieldapp.gui.people.record import GREGORIAN, RANGE
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dates.APP_TZ)


@pytest.fixture
def volunteer(gui_ctx, monkeypatch):
    # The system viewer is not opened in tests: the opened file is recorded instead.
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    svc = Services(gui_ctx.store, Actor("sara", "admin"))
    person = svc.people.create(PersonInput(full_name="ريم عوض الغامدي", national_id="1000000008", gender="f"))
    for n, day in enumerate((dt.date(2024, 6, 20), dt.date(2024, 12, 15), dt.date(2025, 2, 3))):
        event = svc.events.create(EventInput(f"مبادرة {n + 1}", _at(day, 9), _at(day, 14), rounding_min=0))
        svc.attendance.scan(event.id, person.id, method="manual", direction="in", at=_at(day, 9))
        if n != 1:  # the second: a forgotten check-out, closed at 14:00
            svc.attendance.scan(event.id, person.id, method="manual", direction="out", at=_at(day, 12))
    return svc, person


def open_record(gui_ctx, qtbot):
    screen = PeopleScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 760)
    screen.show()
    screen.enter()
    gui_ctx.runner.wait_idle()
    screen.select_row(0)
    dialog = screen.open_record()
    qtbot.addWidget(dialog)
    return screen, dialog


def test_record_shows_events_years_and_flags(gui_ctx, qtbot, volunteer):
    _svc, person = volunteer
    _screen, dialog = open_record(gui_ctx, qtbot)
    assert dialog.name_label.text() == person.full_name
    assert [e.title for e in dialog.events_model.rows] == ["مبادرة 3", "مبادرة 2", "مبادرة 1"]
    assert [e.hours for e in dialog.events_model.rows] == [3.0, 5.0, 3.0]
    assert [(y.year, y.hours) for y in dialog.hijri_model.rows] == [(1446, 8.0), (1445, 3.0)]
    assert [(y.year, y.hours) for y in dialog.gregorian_model.rows] == [(2025, 3.0), (2024, 8.0)]
    assert dialog.flags_list.count() == 1 and "نسي تسجيل الخروج" in dialog.flags_list.item(0).text()


def test_hours_certificate_issued_verified_and_reprinted(gui_ctx, qtbot, volunteer, tmp_path):
    svc, _person = volunteer
    _screen, dialog = open_record(gui_ctx, qtbot)
    dialog.period.kind.setCurrentIndex(RANGE)
    dialog.period.start.set_date(dt.date(2025, 1, 1))
    dialog.period.end.set_date(dt.date(2024, 1, 1))
    dialog.issue_hours_certificate(tmp_path)
    assert dialog.certs_model.rowCount() == 0  # a period that ends before it starts issues nothing
    dialog.period.kind.setCurrentIndex(GREGORIAN)
    dialog.period.gregorian_year.setValue(2024)
    dialog.issue_hours_certificate(tmp_path)
    gui_ctx.runner.wait_idle()
    [cert] = dialog.certs_model.rows
    assert cert.kind == "hours" and cert.hours == 8.0
    outcome = svc.certificates.verify(dialog.last_file, name="ريم عوض الغامدي")
    assert outcome.ok and outcome.serial == cert.serial
    dialog.certs_table.selectRow(0)
    dialog.certs_table.setCurrentIndex(dialog.certs_model.index(0, 0))
    dialog.reprint(tmp_path / "again")
    gui_ctx.runner.wait_idle()
    assert svc.certificates.verify(dialog.last_file).serial == cert.serial  # same serial, same QR
    void = dialog.ask_void()
    void.text_edit.setPlainText("تاريخ الفترة خاطئ")
    void.accept()
    gui_ctx.runner.wait_idle()
    assert dialog.certs_model.rows[0].voided and not dialog.void_button.isEnabled()
    assert svc.certificates.verify(dialog.last_file).status == "voided"


def test_hours_report_export(gui_ctx, qtbot, volunteer, tmp_path):
    screen, _dialog = open_record(gui_ctx, qtbot)
    report = screen.open_hours_report()
    qtbot.addWidget(report)
    report.period.kind.setCurrentIndex(RANGE)
    report.period.start.set_date(dt.date(2024, 1, 1))
    report.period.end.set_date(dt.date(2025, 12, 31))
    out = tmp_path / "hours.xlsx"
    report.export("xlsx", out)
    gui_ctx.runner.wait_idle()
    values = [
        c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c is not None
    ]
    assert "ريم عوض الغامدي" in values and 11.0 in values
