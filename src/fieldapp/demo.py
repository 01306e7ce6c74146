"""`fieldapp demo`: a realistic organisation to try the app on, built through the real services.

Taif Municipality with about 300 volunteers: the National Day celebration (finished, attendance,
gifts and certificates recorded), a volunteer event running today (people checked in up to now),
an upcoming campaign, bodies (a prison, a dialysis centre, government offices), gift stock with
hand-overs, and past, today's and upcoming site visits. Times are relative to now, so the desk
always opens on an event that is running.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from fieldapp import demo_data as words
from fieldapp.core import dates, i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.identifiers import luhn_valid
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.bodies import AgreementInput, BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput
from fieldapp.services.visits import PlannedGift, VisitInput
from fieldapp.store.db import Store
from fieldapp.store.models import Organisation

i18n.register(
    {
        "demo.exists": (
            "مجلد البيانات {path} فيه بيانات من قبل؛ استخدم --force لاستبدالها (تُحفظ نسخة احتياطية أولًا).",
            "The data directory {path} already holds data; use --force to replace it (a backup is kept first).",
        ),
    }
)

DEMO_ACCOUNTS = (
    {"username": "admin", "password": "admin123", "role": "admin", "name": "م. خالد بن سعد العمري"},
    {
        "username": "supervisor",
        "password": "super123",
        "role": "supervisor",
        "name": "أ. هيفاء عبدالله الثبيتي",
    },
    {
        "username": "coordinator",
        "password": "coord123",
        "role": "coordinator",
        "name": "أ. فيصل ناصر الحارثي",
    },
)
#: who builds the demo: its administrator, by name (the audit trail and the screens name her)
DEMO_ACTOR = Actor(DEMO_ACCOUNTS[0]["name"], "admin")
VOLUNTEERS = 300
SEED = 1445


def has_data(store: Store) -> bool:
    with store.reader() as r:
        return r.scalar(select(Organisation.id).limit(1)) is not None


def _national_id(rng: random.Random, first: str) -> str:
    base = first + "".join(rng.choice("0123456789") for _ in range(8))
    return next(base + d for d in "0123456789" if luhn_valid(base + d))


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dates.APP_TZ)


@dataclass
class _Demo:
    """What every step of the build shares: the services (acting as the demo's actor), chance, time."""

    svc: Services
    store: Store
    rng: random.Random
    now: dt.datetime

    @property
    def local_now(self) -> dt.datetime:
        return dates.to_local(self.now)

    @property
    def today(self) -> dt.date:
        return self.local_now.date()


def build_demo(store: Store, actor: Actor, progress: Callable[[str], None] | None = None) -> dict[str, str]:
    """Fill an empty store, acting as `actor` (DEMO_ACTOR: the demo's administrator, by name, so
    the scans, hand-overs and certificates read as hers). Returns the ids a caller may want."""
    say = progress or (lambda _text: None)
    demo = _Demo(Services(store, actor), store, random.Random(SEED), dates.now())
    say("organisation and users")
    _organisation(demo)
    say("bodies")
    bodies = _bodies(demo)
    say("volunteers")
    people = _volunteers(demo)
    staff, volunteers = people[:8], people[8:]
    say("events")
    nd, live = _events(demo, bodies, staff)
    say("attendance of the National Day")
    nd_people = _national_day_attendance(demo, nd, volunteers)
    say("today's check-ins")
    arrived = _todays_check_ins(demo, live, volunteers)
    say("gifts")
    types = _gift_stock(demo)
    _handovers(demo, types, bodies, nd, nd_people, live, arrived)
    say("visits")
    _visits(demo, _visit_plan(demo, bodies, types), staff)
    say("partners and a year of initiatives")
    _partners(demo, types, staff, volunteers)
    say("certificates of the National Day")
    _certificates(demo, nd)
    return {"national_day": nd.id, "today": live.id}


def _organisation(demo: _Demo) -> None:
    svc = demo.svc
    for account in DEMO_ACCOUNTS:
        svc.users.create(account["username"], account["name"], account["role"], account["password"])
    svc.organisation.create(**words.ORGANISATION)
    svc.settings.set(
        "demo.accounts", [{k: a[k] for k in ("username", "password", "role")} for a in DEMO_ACCOUNTS]
    )
    svc.settings.set("certificates.signatory_name", "م. خالد بن سعد العمري")
    svc.settings.set("certificates.signatory_title", "مدير إدارة المشاركة المجتمعية")
    logo, signature = words.draw_branding(demo.store.path.parent / "branding")
    svc.settings.set("certificates.logo", str(logo))
    svc.settings.set("certificates.signature", str(signature))


def _bodies(demo: _Demo) -> list[Any]:
    svc, today = demo.svc, demo.today
    bodies = [
        svc.bodies.create(
            BodyInput(type=t, name=n, name_en=en, city="الطائف", contact_name=c, contact_phone=p)
        )
        for t, n, en, c, p in words.BODIES
    ]
    prison, dialysis = bodies[0], bodies[1]
    svc.bodies.add_agreement(
        dialysis.id,
        AgreementInput(
            "اتفاقية شراكة لزيارات مرضى الغسيل الكلوي",
            today.replace(month=1, day=1),
            today.replace(month=12, day=31),
            "active",
        ),
    )
    svc.bodies.add_agreement(
        bodies[5].id,
        AgreementInput(
            "مذكرة تفاهم لتنظيم الحملات الموسمية",
            today - dt.timedelta(days=400),
            today - dt.timedelta(days=35),
            "active",
        ),
    )
    svc.bodies.add_agreement(prison.id, AgreementInput("برنامج الزيارات الرمضانية للنزلاء", status="draft"))
    return bodies


def _volunteers(demo: _Demo) -> list[Any]:
    svc, rng, today = demo.svc, demo.rng, demo.today
    people = []
    for i in range(VOLUNTEERS):
        female = rng.random() < 0.42
        first = rng.choice(words.FEMALE_FIRST if female else words.MALE_FIRST)
        family = rng.choice(words.FAMILIES)
        full = f"{first} {rng.choice(words.FATHERS)} {family}"
        latin = None
        if first in words.LATIN and family in words.LATIN and rng.random() < 0.6:
            latin = f"{words.LATIN[first]} {words.LATIN[family]}"
        age = rng.choice([16, 17, 19, 20, 21, 22, 23, 24, 25, 27, 29, 31, 34, 38, 42, 47, 53])
        birth = today.replace(year=today.year - age) - dt.timedelta(days=rng.randint(1, 360))
        people.append(
            svc.people.create(
                PersonInput(
                    full_name=full,
                    latin_name=latin,
                    national_id=_national_id(rng, "1"),
                    mobile="05" + rng.choice("0345689") + "".join(rng.choice("0123456789") for _ in range(7)),
                    gender="f" if female else "m",
                    birth_date=birth,
                    guardian_consent=age >= 18 or rng.random() < 0.7,
                    badge_code=f"TF-{i + 1:05d}",
                )
            )
        )
    for j, (full, latin, gender) in enumerate(words.RESIDENTS):
        people.append(
            svc.people.create(
                PersonInput(
                    full_name=full,
                    latin_name=latin,
                    national_id=_national_id(rng, "2"),
                    mobile="05" + rng.choice("3456") + "".join(rng.choice("0123456789") for _ in range(7)),
                    gender=gender,
                    birth_date=today.replace(year=today.year - 30 - j),
                    badge_code=f"TF-R{j + 1:03d}",
                )
            )
        )
    return people


def _national_day(today: dt.date) -> dt.date:
    return dt.date(today.year if today >= dt.date(today.year, 9, 24) else today.year - 1, 9, 23)


def _today_hours(demo: _Demo) -> tuple[dt.datetime, dt.datetime]:
    """Today's event: from 08:00 (or two hours ago) to 20:00 (or three hours from now)."""
    start = min(_local(demo.today, 8), demo.local_now - dt.timedelta(hours=2))
    end = max(_local(demo.today, 20), demo.local_now + dt.timedelta(hours=3))
    return start, end


def _events(demo: _Demo, bodies: list[Any], staff: list[Any]) -> tuple[Any, Any]:
    svc, today = demo.svc, demo.today
    national_day = _national_day(today)
    nd = svc.events.create(
        EventInput(
            title=words.NATIONAL_DAY["title"],
            place=words.NATIONAL_DAY["place"],
            starts_at=_local(national_day, 16),
            ends_at=_local(national_day, 23),
            planned_hours=6,
            capacity=300,
            min_certificate_hours=3,
            body_id=None,
        )
    )
    for title, capacity in words.NATIONAL_DAY["opportunities"]:
        svc.events.create(
            EventInput(
                title=title,
                place=words.NATIONAL_DAY["place"],
                parent_id=nd.id,
                capacity=capacity,
                starts_at=_local(national_day, 16),
                ends_at=_local(national_day, 23),
                min_certificate_hours=3,
            )
        )
    start, end = _today_hours(demo)
    live = svc.events.create(
        EventInput(
            title=words.TODAY_EVENT["title"],
            place=words.TODAY_EVENT["place"],
            starts_at=start,
            ends_at=end,
            planned_hours=round((end - start).total_seconds() / 3600),
            capacity=200,
            min_certificate_hours=2,
            body_id=bodies[5].id,
        )
    )
    upcoming_day = today + dt.timedelta(days=6)
    svc.events.create(
        EventInput(
            title=words.UPCOMING_EVENT["title"],
            place=words.UPCOMING_EVENT["place"],
            starts_at=_local(upcoming_day, 9),
            ends_at=_local(upcoming_day, 14),
            planned_hours=5,
            capacity=120,
            body_id=bodies[5].id,
            min_certificate_hours=2,
        )
    )
    for member in staff[:3]:
        svc.events.add_to_team(nd.id, member.id)
        svc.events.add_to_team(live.id, member.id)
    return nd, live


def _national_day_attendance(demo: _Demo, nd: Any, volunteers: list[Any]) -> list[Any]:
    svc, rng, national_day = demo.svc, demo.rng, _national_day(demo.today)
    nd_people = rng.sample(volunteers, 250)
    svc.events.register_many(nd.id, [p.id for p in nd_people], source="import")
    for n, person in enumerate(nd_people[:228]):
        arrive = _local(national_day, 15, 30) + dt.timedelta(minutes=rng.randint(0, 110))
        svc.attendance.scan(nd.id, person.id, method="scanner", direction="in", at=arrive)
        if n % 25 == 7:
            continue  # forgot to check out: closed at the event's end and flagged
        leave = _local(national_day, 20, 30) + dt.timedelta(minutes=rng.randint(0, 170))
        svc.attendance.scan(nd.id, person.id, method="scanner", direction="out", at=leave)
    return nd_people


def _todays_check_ins(demo: _Demo, live: Any, volunteers: list[Any]) -> list[Any]:
    svc, rng, now = demo.svc, demo.rng, demo.now
    start, _end = _today_hours(demo)
    live_people = rng.sample(volunteers, 180)
    svc.events.register_many(live.id, [p.id for p in live_people], source="import")
    elapsed_min = max(0, int((demo.local_now - start).total_seconds() // 60) - 1)
    arrived = live_people[: min(110, 20 + elapsed_min // 2)]
    for n, person in enumerate(arrived):
        at = start + dt.timedelta(minutes=rng.randint(0, max(1, min(elapsed_min, 150))))
        method = "search" if n % 6 == 0 else "scanner"
        svc.attendance.scan(live.id, person.id, method=method, direction="in", at=min(at, now))
        if n % 7 == 3 and at + dt.timedelta(minutes=45) < now:
            out = at + dt.timedelta(minutes=rng.randint(45, max(46, elapsed_min)))
            svc.attendance.scan(live.id, person.id, method="scanner", direction="out", at=min(out, now))
    return arrived


def _gift_stock(demo: _Demo) -> dict[str, Any]:
    svc = demo.svc
    types = {}
    for name, unit, limit, low, received in words.GIFT_TYPES:
        gift = svc.gifts.create_type(
            GiftTypeInput(name=name, unit=unit, limit_per_recipient_per_event=limit, low_stock_threshold=low)
        )
        svc.gifts.receive(gift.id, received, "توريد من المستودع الرئيسي")
        types[name] = gift
    svc.gifts.adjust(types["باقة ورد طائفي"].id, -12, "ذبلت في التخزين ولا تصلح للتسليم")
    return types


def _handovers(
    demo: _Demo,
    types: dict[str, Any],
    bodies: list[Any],
    nd: Any,
    nd_people: list[Any],
    live: Any,
    arrived: list[Any],
) -> None:
    svc, now, national_day = demo.svc, demo.now, _national_day(demo.today)
    start, _end = _today_hours(demo)
    bag, flag, shield = types["حقيبة المتطوع"], types["علم المملكة"], types["درع تذكاري"]
    for person in nd_people[:200]:
        svc.gifts.hand_over(
            HandoverInput(
                bag.id, 1, recipient_person_id=person.id, event_id=nd.id, at=_local(national_day, 17)
            )
        )
    for person in nd_people[:120]:
        svc.gifts.hand_over(
            HandoverInput(
                flag.id, 2, recipient_person_id=person.id, event_id=nd.id, at=_local(national_day, 18)
            )
        )
    for body, label in (
        (bodies[2], "مدير شرطة محافظة الطائف"),
        (bodies[3], "مدير الدفاع المدني"),
        (bodies[4], "مدير التعليم بالطائف"),
    ):
        svc.gifts.hand_over(
            HandoverInput(
                shield.id,
                1,
                recipient_body_id=body.id,
                recipient_label=label,
                event_id=nd.id,
                at=_local(national_day, 21),
                note="تكريم الجهات المشاركة",
            )
        )
    for person in arrived[:40]:
        svc.gifts.hand_over(
            HandoverInput(
                bag.id,
                1,
                recipient_person_id=person.id,
                event_id=live.id,
                at=min(now, start + dt.timedelta(minutes=30)),
            )
        )
    # One repeat the desk warned about and the coordinator confirmed: the bag was really handed twice.
    svc.gifts.hand_over(
        HandoverInput(
            bag.id,
            1,
            recipient_person_id=arrived[0].id,
            event_id=live.id,
            note="الحقيبة الأولى تمزقت فاستُبدلت",
        )
    )


def _visit_plan(demo: _Demo, bodies: list[Any], types: dict[str, Any]) -> list[tuple]:
    """(day offset, hour, body, title, team (staff indexes), gifts, status) of each visit."""
    hour_now = demo.local_now.hour
    prison, dialysis, police = bodies[0], bodies[1], bodies[2]
    dates_gifts, shield = types["كرتون تمر سكري"], types["درع تذكاري"]
    roses, baskets = types["باقة ورد طائفي"], types["سلة غذائية"]
    return [
        (-20, 9, prison, "زيارة النزلاء وتوزيع التمور", (0, 1, 2), ((dates_gifts, 20),), "done"),
        (-13, 10, dialysis, "زيارة مرضى الغسيل الكلوي", (3, 4), ((roses, 30),), "done"),
        (-9, 11, bodies[10], "زيارة كبار السن بدار الرعاية", (5, 6), ((roses, 15), (baskets, 5)), "done"),
        (-5, 9, bodies[6], "تنسيق برنامج الأسر المستفيدة", (0, 7), (), "missed"),
        (-2, 10, bodies[7], "زيارة قسم الأطفال", (1, 2), ((roses, 10),), "cancelled"),
        (0, max(8, hour_now - 1), dialysis, "زيارة المرضى وأسرهم", (3, 5), ((roses, 20),), "in_progress"),
        (
            0,
            min(21, hour_now + 2),
            police,
            "تسليم دروع الشكر للجهات المشاركة",
            (0, 4),
            ((shield, 2),),
            "planned",
        ),
        (2, 10, prison, "اجتماع تنسيقي لبرنامج الزيارات", (1, 6), (), "planned"),
        (3, 9, bodies[9], "زيارة جمعية كلانا", (2, 7), ((dates_gifts, 10),), "planned"),
        # clashes with the one above
        (3, 9, bodies[8], "لقاء الغرفة التجارية بشأن الرعايات", (2,), (), "planned"),
        (8, 10, bodies[4], "ترتيب مشاركة طلاب المدارس في حملة الشتاء", (5, 6), (), "planned"),
    ]


def _partners(demo: _Demo, types: dict[str, Any], staff: list[Any], volunteers: list[Any]) -> None:
    """The partners and their agreements (some ending soon), their visits, and a monthly initiative
    over the last 14 months with a core of volunteers, so records span two Hijri years."""
    from fieldapp.services import volunteer_record

    svc, rng, today = demo.svc, demo.rng, demo.today
    partners = [
        svc.bodies.create(
            BodyInput(type=t, name=n, name_en=en, city="الطائف", contact_name=c, contact_phone=p)
        )
        for t, n, en, c, p in words.PARTNERS
    ]
    for index, title, start, end, status, signatory, ours, theirs, reminder in words.PARTNER_AGREEMENTS:
        svc.bodies.add_agreement(
            partners[index].id,
            AgreementInput(
                title,
                today + dt.timedelta(days=start),
                today + dt.timedelta(days=end),
                status,
                signatory=signatory,
                our_commitments=ours,
                partner_commitments=theirs,
                reminder_days=reminder,
            ),
        )
    shield = types["درع تذكاري"]
    # Recent visits to the health cluster and the college; the charity's last was 8 months ago,
    # and nobody has visited the neighbourhood centre yet (the dashboard names both).
    for days_ago, partner, title, label in (
        (16, partners[0], "اجتماع تنسيقي لحملة الشتاء الصحية", "المدير التنفيذي للتجمع الصحي"),
        (40, partners[1], "زيارة عمادة الكلية لتكريم الطلاب المتطوعين", "عميد الكلية"),
        (245, partners[2], "زيارة الجمعية ومناقشة تهيئة المواقع", "المديرة التنفيذية للجمعية"),
    ):
        day = today - dt.timedelta(days=days_ago)
        visit = svc.visits.create(
            VisitInput(partner.id, title, _local(day, 10), _local(day, 12), team=(staff[0].id, staff[5].id))
        )
        svc.visits.start(visit.id)
        svc.visits.hand_over_gift(
            visit.id,
            HandoverInput(
                shield.id, 1, recipient_body_id=partner.id, recipient_label=label, at=_local(day, 11)
            ),
        )
        svc.visits.complete(visit.id, _VISIT_OUTCOME)
    core = volunteers[:30]
    for months_ago, (title, partner) in zip(
        range(len(words.HISTORY_EVENTS) + 1, 1, -1), words.HISTORY_EVENTS, strict=True
    ):
        day = today - dt.timedelta(days=30 * months_ago + rng.randint(-4, 4))
        if day.weekday() == 4:  # not on a Friday
            day += dt.timedelta(days=1)
        event = svc.events.create(
            EventInput(
                title=title,
                place="الطائف",
                starts_at=_local(day, 16),
                ends_at=_local(day, 21),
                planned_hours=5,
                body_id=partners[partner].id if partner is not None else None,
                min_certificate_hours=2,
            )
        )
        for person in core:
            if rng.random() > 0.65:
                continue
            arrive = _local(day, 15, 45) + dt.timedelta(minutes=rng.randint(0, 40))
            svc.attendance.scan(event.id, person.id, method="scanner", direction="in", at=arrive)
            if rng.random() < 0.06:
                continue  # forgot to check out: closed at the end and flagged in the record
            leave = _local(day, 19) + dt.timedelta(minutes=rng.randint(0, 150))
            svc.attendance.scan(event.id, person.id, method="scanner", direction="out", at=leave)
    last_year = volunteer_record.gregorian_year(today.year - 1)
    if svc.volunteer_record.hours_lines(core[0].id, last_year):
        svc.volunteer_record.issue_hours_certificate(core[0].id, last_year)


_VISIT_OUTCOME = "تمت الزيارة وسُلِّمت الهدايا، وأبدت الجهة رغبتها في تكرار الزيارة الشهر القادم."


def _visits(demo: _Demo, plan: list[tuple], staff: list[Any]) -> None:
    svc = demo.svc
    for offset, hour, body, title, team, gifts, status in plan:
        day = demo.today + dt.timedelta(days=offset)
        visit = svc.visits.create(
            VisitInput(
                body_id=body.id,
                title=title,
                planned_start=_local(day, hour),
                planned_end=_local(day, hour) + dt.timedelta(hours=2),
                team=tuple(staff[i].id for i in team),
                gifts=tuple(PlannedGift(g.id, q) for g, q in gifts),
            )
        )
        if status in ("done", "in_progress"):
            svc.visits.start(visit.id)
        if status == "done":
            for gift, quantity in gifts:
                svc.visits.hand_over_gift(
                    visit.id,
                    HandoverInput(
                        gift.id,
                        quantity,
                        recipient_body_id=body.id,
                        recipient_label="المرضى والنزلاء والمستفيدون",
                        at=_local(day, hour, 40),
                    ),
                )
            svc.visits.complete(visit.id, _VISIT_OUTCOME)
        elif status == "missed":
            svc.visits.mark_missed(visit.id)
        elif status == "cancelled":
            svc.visits.cancel(visit.id, "اعتذرت الجهة لظروف التشغيل، وستُحدَّد زيارة بديلة")


def _certificates(demo: _Demo, nd: Any) -> None:
    svc, national_day = demo.svc, _national_day(demo.today)
    eligible = [row.person_id for row in svc.certificates.eligible(nd.id) if row.eligible]
    issued = svc.certificates.issue(nd.id, eligible[:150], "attendance-ar", at=_local(national_day, 23, 30))
    svc.certificates.void(issued[-1].id, "أُصدرت باسم غير مكتمل وأُعيد إصدارها")


def ensure_empty(store: Store) -> None:
    if has_data(store):
        raise ValidationError("demo.exists", path=str(store.path.parent))
