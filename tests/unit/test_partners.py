"""Partners (bodies, agreements, merges, history, dashboard) and volunteer records (hours per
year, the organisation's hours report, the cumulative hours certificate) on a real store."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from fieldapp.core import dates
from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.reports import partners as reports
from fieldapp.services import Services
from fieldapp.services import volunteer_record as vr
from fieldapp.services.bodies import AgreementInput, BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput
from fieldapp.services.visits import VisitInput
from fieldapp.store.models import BodyMerge, Outbox

TODAY = dates.local_now().date()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), dates.APP_TZ)


def _event(services, day: dt.date, title: str, body_id: str | None = None, hours: int = 4):
    return services.events.create(
        EventInput(title, _at(day, 9), _at(day, 9 + hours), place="الطائف", body_id=body_id, rounding_min=0)
    )


def _attend(services, event, person_id, day, stay_hours: float, check_out: bool = True):
    services.attendance.scan(event.id, person_id, method="manual", direction="in", at=_at(day, 9))
    if check_out:
        services.attendance.scan(
            event.id,
            person_id,
            method="manual",
            direction="out",
            at=_at(day, 9) + dt.timedelta(hours=stay_hours),
        )


@pytest.fixture
def person(services):
    return services.people.create(
        PersonInput(full_name="عبدالله بن خميس الزايدي", national_id="1000000008", gender="m")
    )


# --- bodies and agreements --------------------------------------------------------------------


def test_filters_by_type_and_city_and_forgiving_search(services):
    b = services.bodies
    b.create(BodyInput("health", "مستشفى الملك فيصل", city="الطائف", contact_phone="0127361100"))
    b.create(BodyInput("charity", "جمعية الأشخاص ذوي الإعاقة", city="الطائف"))
    b.create(BodyInput("charity", "جمعية البر", city="جدة"))
    assert b.cities() == ["الطائف", "جدة"]
    assert [x.name for x in b.list(type="charity", city="الطائف")] == ["جمعية الأشخاص ذوي الإعاقة"]
    assert [x.name for x in b.search("مستشفي الملك", city="الطائف")] == ["مستشفى الملك فيصل"]
    assert [x.name for x in b.search("جمعيه", type="charity", city="جدة")] == ["جمعية البر"]
    assert [x.name for x in b.search("٧٣٦١١")] == ["مستشفى الملك فيصل"]


def test_agreement_details_and_expired_is_computed_never_typed(services):
    body = services.bodies.create(BodyInput("education", "الكلية التقنية بالطائف"))
    a = services.bodies.add_agreement(
        body.id,
        AgreementInput(
            "مذكرة تفاهم للتدريب التعاوني",
            TODAY - dt.timedelta(days=300),
            TODAY + dt.timedelta(days=10),
            "منتهية",  # typed "expired" while the end is ahead: it is running
            signatory="د. سالم الثبيتي",
            our_commitments="فرص تطوع للطلاب",
            partner_commitments="ساعات تدريب معتمدة",
            reminder_days=30,
        ),
    )
    assert a.status == "active" and a.effective_status == "active"
    assert a.days_left == 10 and a.reminder_due
    assert (a.signatory, a.our_commitments, a.partner_commitments) == (
        "د. سالم الثبيتي",
        "فرص تطوع للطلاب",
        "ساعات تدريب معتمدة",
    )
    old = services.bodies.update_agreement(
        a.id,
        AgreementInput(
            "مذكرة تفاهم للتدريب التعاوني", TODAY - dt.timedelta(days=400), TODAY - dt.timedelta(days=1)
        ),
    )
    assert old.effective_status == "expired" and not old.reminder_due
    with pytest.raises(ValidationError) as err:
        services.bodies.update_agreement(a.id, AgreementInput("x", reminder_days=0))
    assert err.value.field == "reminder_days"


def test_signed_copy_is_copied_into_the_data_folder(services, store, tmp_path):
    body = services.bodies.create(BodyInput("charity", "جمعية كلانا"))
    a = services.bodies.add_agreement(body.id, AgreementInput("اتفاقية شراكة"))
    with pytest.raises(NotFoundError):
        services.bodies.file_path(a.id)
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(b"%PDF-1.4 signed")
    services.bodies.attach_file(a.id, signed)
    signed.unlink()  # the copy does not depend on the original
    copy = services.bodies.file_path(a.id)
    assert copy.parent == store.path.parent / "agreements" and copy.read_bytes() == b"%PDF-1.4 signed"
    (tmp_path / "notes.docx").write_text("x")
    with pytest.raises(ValidationError) as err:
        services.bodies.attach_file(a.id, tmp_path / "notes.docx")
    assert "PDF" in err.value.message("en")


def test_merge_needs_a_supervisor_and_everything_follows_the_survivor(services, store):
    bodies = services.bodies
    survivor = bodies.create(BodyInput("health", "التجمع الصحي بالطائف", city="الطائف"))
    loser = bodies.create(
        BodyInput("health", "تجمع الطائف الصحي", contact_name="أ. هند", contact_phone="0551234567")
    )
    agreement = bodies.add_agreement(loser.id, AgreementInput("مبادرات تطوعية صحية مشتركة"))
    event = _event(services, TODAY - dt.timedelta(days=3), "حملة التبرع بالدم", body_id=loser.id)
    gift = services.gifts.create_type(GiftTypeInput("درع تذكاري"))
    services.gifts.receive(gift.id, 5, "توريد من المستودع")
    services.gifts.hand_over(
        HandoverInput(gift.id, 1, recipient_body_id=loser.id, recipient_label="مدير التجمع الصحي")
    )
    coordinator = Services(store, Actor("noura", "coordinator"))
    with pytest.raises(PermissionDenied):
        coordinator.bodies.merge(loser.id, survivor.id)
    with pytest.raises(ValidationError):
        bodies.merge(survivor.id, survivor.id)

    merged = bodies.merge(loser.id, survivor.id)
    assert merged.contact_name == "أ. هند" and merged.city == "الطائف"  # blanks filled, own kept
    assert [b.id for b in bodies.list()] == [survivor.id]
    with pytest.raises(NotFoundError):
        bodies.get(loser.id)
    history = bodies.history(survivor.id)
    assert [a.id for a in history.agreements] == [agreement.id]
    assert [e.id for e in history.events] == [event.id]
    assert [g.recipient for g in history.gifts] == ["مدير التجمع الصحي"]  # a fact, read through the merge
    with store.reader() as r:
        assert r.query(BodyMerge).filter_by(loser_id=loser.id, survivor_id=survivor.id).count() == 1
        assert r.query(Outbox).filter_by(table_name="body_merge").count() == 1  # it syncs


def test_dashboard_ending_soon_and_quiet_partners(services, store):
    bodies = services.bodies
    soon = bodies.create(BodyInput("charity", "مركز حي الشهداء"))
    far = bodies.create(BodyInput("education", "جامعة الطائف"))
    visited = bodies.create(BodyInput("health", "مستشفى الولادة"))
    bodies.add_agreement(
        soon.id, AgreementInput("شراكة الحي", TODAY - dt.timedelta(days=330), TODAY + dt.timedelta(days=12))
    )
    bodies.add_agreement(far.id, AgreementInput("مذكرة تفاهم", TODAY, TODAY + dt.timedelta(days=200)))
    bodies.add_agreement(visited.id, AgreementInput("زيارات الأمهات", TODAY, TODAY + dt.timedelta(days=31)))
    bodies.add_agreement(far.id, AgreementInput("مسودة", TODAY, TODAY + dt.timedelta(days=5), status="draft"))
    visit = services.visits.create(VisitInput(visited.id, "زيارة", _at(TODAY, 8), _at(TODAY, 9)))
    services.visits.start(visit.id)
    services.visits.complete(visit.id, "تمت")
    assert [(a.body_name, a.days_left) for a in bodies.ending_soon()] == [("مركز حي الشهداء", 12)]
    assert [q.body.name for q in bodies.not_visited()] == ["جامعة الطائف", "مركز حي الشهداء"]


def test_history_of_a_year_exports_to_pdf_and_xlsx(services, tmp_path):
    body = services.bodies.create(BodyInput("security", "سجن الطائف العام", contact_phone="0127361100"))
    gift = services.gifts.create_type(GiftTypeInput("سلة تمور", unit="سلة"))
    services.gifts.receive(gift.id, 10, "توريد من المستودع")
    visit = services.visits.create(VisitInput(body.id, "زيارة النزلاء", _at(TODAY, 8), _at(TODAY, 10)))
    services.visits.start(visit.id)
    services.visits.hand_over_gift(
        visit.id, HandoverInput(gift.id, 3, recipient_body_id=body.id, recipient_label="مدير السجن")
    )
    services.visits.complete(visit.id, "سُلّمت الهدايا")
    history = services.bodies.history(body.id, TODAY - dt.timedelta(days=365), TODAY)
    assert [v.status for v in history.visits] == ["done"]
    assert [(g.recipient, g.quantity) for g in history.gifts] == [("مدير السجن", 3)]
    lines = reports.history_lines(history)
    assert {line.kind for line in lines} == {"visit", "gift"}
    pdf = reports.partner_pdf(history, tmp_path / "p.pdf", "أمانة الطائف")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\x00" not in text and "3" in text
    from openpyxl import load_workbook

    ws = load_workbook(reports.partner_xlsx(history, tmp_path / "p.xlsx")).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "مدير السجن" in values and ws.sheet_view.rightToLeft


# --- volunteer records --------------------------------------------------------------------------


def test_record_hours_per_hijri_and_gregorian_year_and_flags(services, person):
    # 1446 AH began on 2024-07-07; 2024-12-31 and 2025-01-05 are one Hijri year, two Gregorian.
    days = [dt.date(2024, 7, 1), dt.date(2024, 12, 31), dt.date(2025, 1, 5)]
    for n, day in enumerate(days):
        event = _event(services, day, f"فعالية {n + 1}")
        _attend(services, event, person.id, day, 2.5, check_out=n != 2)
    record = services.volunteer_record.record(person.id)
    assert [e.title for e in record.events] == ["فعالية 3", "فعالية 2", "فعالية 1"]
    assert [e.hours for e in record.events] == [4.0, 2.5, 2.5]  # the forgotten check-out closes at the end
    assert [(y.year, y.events, y.hours) for y in record.hijri_years] == [(1446, 2, 6.5), (1445, 1, 2.5)]
    assert [(y.year, y.events, y.hours) for y in record.gregorian_years] == [(2025, 1, 4.0), (2024, 2, 5.0)]
    assert [f.key for f in record.flags] == ["auto_closed"]
    assert "forgot to check out" in record.flags[0].text("en")


def test_hours_report_sorted_and_totalled(services, person, tmp_path):
    other = services.people.create(
        PersonInput(full_name="نورة سعد القحطاني", mobile="0551234567", gender="f")
    )
    day = dt.date(2025, 3, 10)
    first = _event(services, day, "حملة الشتاء")
    second = _event(services, day + dt.timedelta(days=1), "يوم التطوع")
    _attend(services, first, person.id, day, 2)
    _attend(services, first, other.id, day, 3)
    _attend(services, second, other.id, day + dt.timedelta(days=1), 1.5)
    outside = _event(services, dt.date(2025, 5, 1), "خارج الفترة")
    _attend(services, outside, person.id, dt.date(2025, 5, 1), 4)
    report = services.volunteer_record.hours_report(vr.period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    assert [(r.full_name, r.events, r.hours) for r in report.rows] == [
        ("نورة سعد القحطاني", 2, 4.5),
        ("عبدالله بن خميس الزايدي", 1, 2.0),
    ]
    assert (report.total_events, report.total_hours) == (3, 6.5)
    from openpyxl import load_workbook

    ws = load_workbook(reports.hours_xlsx(report, tmp_path / "h.xlsx")).active
    assert 6.5 in [c for row in ws.iter_rows(values_only=True) for c in row]
    reports.hours_pdf(report, tmp_path / "h.pdf")
    with pytest.raises(ValidationError):
        vr.period(dt.date(2025, 3, 2), dt.date(2025, 3, 1))


def test_hijri_year_period_is_umm_al_qura():
    p = vr.hijri_year(1446)
    assert (p.start, p.end, p.label) == (dt.date(2024, 7, 7), dt.date(2025, 6, 25), "1446 هـ")
    with pytest.raises(ValidationError):
        vr.hijri_year(1501)


def test_hours_certificate_is_signed_verifiable_and_issued_once(services, person, tmp_path):
    for n, day in enumerate((dt.date(2025, 2, 1), dt.date(2025, 2, 8))):
        _attend(services, _event(services, day, f"مبادرة {n + 1}"), person.id, day, 3)
    p = vr.gregorian_year(2025)
    cert = services.volunteer_record.issue_hours_certificate(person.id, p)
    assert cert.new and cert.hours == 6.0 and [line[1] for line in cert.lines] == ["مبادرة 1", "مبادرة 2"]
    again = services.volunteer_record.issue_hours_certificate(person.id, p)
    assert not again.new and again.serial == cert.serial
    out = services.volunteer_record.render_hours_certificate(cert.id, tmp_path / "h.pdf")
    outcome = services.certificates.verify(out, name="عبد الله بن خميس الزايدي")
    assert outcome.status == "genuine" and outcome.ok and outcome.hours == 6.0
    assert outcome.full_name == "عبدالله بن خميس الزايدي" and "2025" in outcome.event_title
    record = services.volunteer_record.record(person.id)
    assert [(c.kind, c.serial) for c in record.certificates] == [("hours", cert.serial)]
    with pytest.raises(ValidationError) as err:
        services.volunteer_record.issue_hours_certificate(person.id, vr.gregorian_year(2023))
    assert "no volunteer hours" in err.value.message("en")


def test_a_voided_hours_certificate_verifies_as_voided(services, store, person, tmp_path):
    _attend(services, _event(services, dt.date(2025, 2, 1), "مبادرة"), person.id, dt.date(2025, 2, 1), 3)
    record = services.volunteer_record
    cert = record.issue_hours_certificate(person.id, vr.gregorian_year(2025))
    pdf = record.render_hours_certificate(cert.id, tmp_path / "h.pdf")
    with pytest.raises(PermissionDenied):
        Services(store, Actor("noura", "coordinator")).volunteer_record.void_hours_certificate(
            cert.id, "اسم خاطئ"
        )
    with pytest.raises(ValidationError):
        record.void_hours_certificate(cert.id, "  ")
    record.void_hours_certificate(cert.id, "اسم خاطئ")
    with pytest.raises(ValidationError):
        record.void_hours_certificate(cert.id, "مرة أخرى")
    outcome = services.certificates.verify(pdf)
    assert outcome.status == "voided" and outcome.void_reason == "اسم خاطئ"
    assert [c.voided for c in record.record(person.id).certificates] == [True]
    again = record.issue_hours_certificate(person.id, vr.gregorian_year(2025))
    assert again.new and again.serial != cert.serial
