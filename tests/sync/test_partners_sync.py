"""Partners and hours certificates sync like the rest, through a REAL `fieldapp server` process:
an agreement's new fields, a body merge made on one laptop (the other laptop's offline visit to the
loser follows the survivor there), and a cumulative hours certificate verified on another laptop."""

from __future__ import annotations

import datetime as dt

from fieldapp.core import dates
from fieldapp.services import volunteer_record as vr
from fieldapp.services.bodies import AgreementInput, BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.services.visits import VisitInput
from tests.sync.test_sync_round import laptops, server  # noqa: F401  (fixtures)


def test_partners_and_hours_certificates_reach_every_laptop(server, laptops, tmp_path):  # noqa: F811
    a, b = laptops("a", server), laptops("b", server)
    today = dates.local_now().date()
    survivor = a.services.bodies.create(BodyInput("health", "التجمع الصحي بالطائف"))
    loser = a.services.bodies.create(BodyInput("health", "تجمع الطائف الصحي", contact_name="د. عبدالله"))
    agreement = a.services.bodies.add_agreement(
        survivor.id,
        AgreementInput(
            "مبادرات صحية مشتركة",
            today - dt.timedelta(days=300),
            today + dt.timedelta(days=20),
            signatory="د. عبدالله الغامدي",
            partner_commitments="الكوادر الصحية",
            reminder_days=30,
        ),
    )
    person = a.services.people.create(PersonInput(full_name="ريم عوض الغامدي", national_id="1000000008"))
    day = today - dt.timedelta(days=10)
    start = dt.datetime.combine(day, dt.time(9), dates.APP_TZ)
    event = a.services.events.create(EventInput("يوم التبرع بالدم", start, start + dt.timedelta(hours=4)))
    a.services.attendance.scan(event.id, person.id, method="manual", direction="in", at=start)
    a.services.attendance.scan(
        event.id, person.id, method="manual", direction="out", at=start + dt.timedelta(hours=3)
    )
    a.sync()
    b.sync()

    seen = b.services.bodies.get_agreement(agreement.id)
    assert (seen.signatory, seen.partner_commitments, seen.reminder_days) == (
        "د. عبدالله الغامدي",
        "الكوادر الصحية",
        30,
    )
    # b plans a visit to the duplicate while a merges it away; both sync.
    visit = b.services.visits.create(
        VisitInput(
            loser.id, "زيارة تنسيقية", start + dt.timedelta(days=12), start + dt.timedelta(days=12, hours=1)
        )
    )
    a.services.bodies.merge(loser.id, survivor.id)
    cert = a.services.volunteer_record.issue_hours_certificate(person.id, vr.period(day, today))
    pdf = a.services.volunteer_record.render_hours_certificate(cert.id, tmp_path / "h.pdf")
    for lap in (a, b, a, b):
        lap.sync()

    for lap in (a, b):
        assert [x.name for x in lap.services.bodies.list()] == ["التجمع الصحي بالطائف"]
        history = lap.services.bodies.history(survivor.id)
        assert [v.id for v in history.visits] == [visit.id]  # followed the survivor
        assert lap.services.bodies.get(survivor.id).contact_name == "د. عبدالله"
    outcome = b.services.certificates.verify(pdf, name="ريم عوض الغامدي")
    assert outcome.ok and outcome.full_name == "ريم عوض الغامدي"  # b holds the certificate too
    assert [c.serial for c in b.services.volunteer_record.record(person.id).certificates] == [cert.serial]
