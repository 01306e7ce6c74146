"""The central server's browser pages in a REAL browser: Debian's headless Chromium driven by
Playwright, against a real `fieldapp server` process on 127.0.0.1, with real laptops that issued,
voided and synced certificates.

Screenshots are taken of every page (so each one renders); set FIELDAPP_WEB_SCREENSHOTS=docs to
write the README's pictures. The sign-in rate limit is tested last: it blocks 127.0.0.1 for a while.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from pathlib import Path

import httpx
import pytest
import segno
from sqlalchemy import text

from fieldapp.certificates import signing
from fieldapp.server import admin
from fieldapp.server.db import make_engine
from fieldapp.services import volunteer_record
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from tests.sync.test_sync_round import Laptop, Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 760}
NAMES = ("عبدالله بن خميس الزايدي", "مُحَمَّد عَلِيّ")

if not Path(CHROMIUM).exists():
    reason = f"{CHROMIUM} is missing (scripts/dev.sh installs Debian's chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


class World:
    """The server, its two organisations' admins, and what RUH's laptop issued."""

    server: Server
    genuine: str  # the QR text of a genuine certificate (the verification address)
    voided: str
    hours_qr: str  # the QR text of a cumulative volunteer-hours certificate
    old_payload: str  # a payload-only QR text, as certificates printed before the address was set
    event_id: str
    jed_event_id: str
    jed_device_id: str
    shots: Path


def _shot(page, world: World, name: str) -> None:
    page.screenshot(path=str(world.shots / f"web-{name}.png"))


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    tmp = tmp_path_factory.mktemp("web")
    w = World()
    w.server = Server(tmp)
    w.server.start()
    engine = make_engine(w.server.db_url)
    try:
        admin.create_org(engine, "أمانة محافظة جدة", "JED")
        admin.add_user(engine, "RUH", "boss", "سارة القحطاني", "admin", "ruh-secret-1")
        admin.add_user(engine, "RUH", "omar", "عمر الحربي", "coordinator", "coord-pass-1")
        admin.add_user(engine, "JED", "jboss", "JED Admin", "admin", "jed-secret-1")
        with engine.begin() as conn:  # the organisation's display name, as create-org would set it
            conn.execute(text("UPDATE organisation SET name = 'أمانة منطقة الرياض' WHERE code = 'RUH'"))
        jed_code = admin.make_enroll_code(engine, "JED", 1, w.server.base)["code"]
    finally:
        engine.dispose()

    ruh = Laptop(tmp, "ruh-desk", w.server)
    jed = Laptop(tmp, "jed-desk")
    try:
        jed.services.sync_state.enrol(w.server.base, jed_code, "JED secret desk")
        jed_event = jed.services.events.create(
            EventInput(
                "JED secret event", dt.datetime.now(dt.UTC), dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
            )
        )
        jed.services.people.create(PersonInput("JED private person", mobile="0551112222"))
        jed.sync()
        w.jed_event_id = jed_event.id
        w.jed_device_id = jed.store.device_id

        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        event = ruh.services.events.create(
            EventInput("ملتقى التطوع البلدي", now - dt.timedelta(hours=2), now + dt.timedelta(hours=4))
        )
        w.event_id = event.id
        people = [
            ruh.services.people.create(PersonInput(name, mobile=f"05633344{i:02d}"))
            for i, name in enumerate(NAMES)
        ]
        for i, person in enumerate(people):
            start = now - dt.timedelta(minutes=100 - 10 * i)
            ruh.services.attendance.scan(event.id, person.id, method="manual", direction="in", at=start)
            ruh.services.attendance.scan(
                event.id, person.id, method="manual", direction="out", at=start + dt.timedelta(minutes=90)
            )
        issued = ruh.services.certificates.issue(event.id, [p.id for p in people])
        w.old_payload = _payload(ruh, issued[0].serial)
        ruh.services.settings.set("certificates.verify_address", w.server.base)
        rendered = ruh.services.certificates.render([c.id for c in issued], tmp / "certs.pdf")
        w.genuine, w.voided = _qr_texts(rendered.files[0])
        period = volunteer_record.period(now.date() - dt.timedelta(days=30), now.date())
        hours = ruh.services.volunteer_record.issue_hours_certificate(people[0].id, period)
        (w.hours_qr,) = _qr_texts(
            ruh.services.volunteer_record.render_hours_certificate(hours.id, tmp / "h.pdf")
        )
        ruh.sync()
        ruh.services.certificates.void(issued[1].id, "issued to the wrong event")
        ruh.sync()
    finally:
        ruh.close()
        jed.close()
    out = os.environ.get("FIELDAPP_WEB_SCREENSHOTS")
    w.shots = Path(out) if out else tmp / "shots"
    w.shots.mkdir(parents=True, exist_ok=True)
    try:
        yield w
    finally:
        w.server.stop()


def _payload(laptop: Laptop, serial: str) -> str:
    with laptop.store.reader() as r:
        return r.scalar(text("SELECT payload FROM certificate WHERE serial = :s"), {"s": serial})


def _qr_texts(pdf: Path) -> list[str]:
    """The raw QR text of each page, as a phone camera reads it."""
    import zxingcpp

    from fieldapp.certificates.decode import pdf_page_images

    return [zxingcpp.read_barcodes(img)[0].text for img in pdf_page_images(pdf)]


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="ar-SA")
    context.set_default_timeout(15_000)  # a loaded CI machine
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)  # a loaded CI machine
    yield context.new_page()
    context.close()


def _status(page) -> str:
    return page.locator("#verdict").get_attribute("data-status")


def test_the_qr_opens_the_verification_page_genuine_voided_tampered(world: World, phone):
    base = world.server.base
    assert world.genuine.startswith(f"HTTP://127.0.0.1:{world.server.port}/V/FA1."), world.genuine
    phone.goto(world.genuine)  # what a phone camera opens
    assert _status(phone) == "genuine"
    assert phone.locator("html").get_attribute("dir") == "rtl"
    facts = phone.locator(".facts").inner_text()
    assert NAMES[0] in facts and "ملتقى التطوع البلدي" in facts and "أمانة منطقة الرياض" in facts
    assert "1.5 ساعة" in facts or "1.5" in facts
    assert "0563334400" not in phone.content() and "+966" not in phone.content()  # nothing more personal
    _shot(phone, world, "verify-genuine")

    phone.goto(world.hours_qr)  # a cumulative hours certificate prints the address too
    assert world.hours_qr.startswith("HTTP://") and _status(phone) == "genuine"
    facts = phone.locator(".facts").inner_text()
    assert NAMES[0] in facts and "ساعات تطوعية في الفترة" in facts

    phone.goto(world.voided)
    assert _status(phone) == "voided"
    assert "wrong event" not in phone.content()  # a void's reason stays inside the organisation
    _shot(phone, world, "verify-voided")

    body, sig = world.genuine.split("/V/")[1][len(signing.PREFIX) :].split(".")
    flipped = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    phone.goto(f"{base}/v/{signing.PREFIX}{flipped}.{sig}")
    assert _status(phone) in ("tampered", "malformed")
    phone.goto(f"{base}/v/{signing.PREFIX}{body}.{sig[:-4]}AAAA")
    assert _status(phone) == "tampered"
    _shot(phone, world, "verify-tampered")

    stranger, _ = signing.generate_key()
    unknown = signing.sign_payload(stranger, signing.make_payload("X-1", "ABCDEFGH", 3, dt.date.today(), "x"))
    phone.goto(f"{base}/v/{unknown}")
    assert _status(phone) == "unknown_key"

    phone.click("a.lang")  # English, then back
    assert phone.locator("html").get_attribute("dir") == "ltr"
    assert "Unknown issuer" in phone.locator("#verdict").inner_text()
    phone.goto(world.genuine)
    assert "Genuine certificate" in phone.locator("#verdict").inner_text()
    _shot(phone, world, "verify-genuine-en")
    phone.click("a.lang")
    assert phone.locator("html").get_attribute("dir") == "rtl"


def test_an_old_payload_only_qr_verifies_by_pasting_or_uploading(world: World, phone, tmp_path):
    assert world.old_payload.startswith(signing.PREFIX)
    phone.goto(f"{world.server.base}/verify")
    _shot(phone, world, "verify-form")
    phone.fill("#code", world.old_payload)
    phone.click("form button[type=submit]")
    assert _status(phone) == "genuine"

    picture = tmp_path / "old-qr.png"
    segno.make(world.old_payload, error="m").save(str(picture), scale=6)
    phone.goto(f"{world.server.base}/verify")
    phone.set_input_files("#image", str(picture))
    phone.click("form button[type=submit]")
    assert _status(phone) == "genuine"

    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG not really")
    phone.goto(f"{world.server.base}/verify")
    phone.set_input_files("#image", str(junk))
    phone.click("form button[type=submit]")
    assert phone.locator(".error").is_visible()


def test_garbage_never_gets_a_5xx(world: World):
    base = world.server.base
    picture = io.BytesIO()
    segno.make("hello, not a certificate").save(picture, kind="png", scale=4)
    with httpx.Client(base_url=base, timeout=10) as http:
        answers = [
            http.get("/v/" + "%00%FF" * 10),
            http.get("/V/FA1." + "Z" * 3000),
            http.get("/v/FA1.!!!.???"),
            http.get("/v/https://evil.example/V/FA1.AAAA.BBBB"),
            http.post("/verify", data={"code": "x" * 5000}),
            http.post(
                "/verify",
                content=b"\x00\x01garbage",
                headers={"content-type": "multipart/form-data; boundary=zz"},
            ),
            http.post("/verify", files={"image": ("x.png", picture.getvalue(), "image/png")}),
            http.post("/verify", files={"image": ("big.png", b"0" * (5 * 1024 * 1024 + 10), "image/png")}),
            http.get("/admin/events/%00"),
            http.get("/lang/xx?next=//evil.example"),
        ]
    assert all(a.status_code < 500 for a in answers), [(a.request.url, a.status_code) for a in answers]
    assert answers[7].status_code == 413
    assert "evil.example" not in answers[9].headers.get("location", "")


def _login(page, base: str, org: str, username: str, password: str) -> None:
    page.fill("#org", org)
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form button[type=submit]")


def test_admin_pages_click_through(world: World, desktop, tmp_path):
    base = world.server.base
    desktop.goto(f"{base}/admin/devices")
    assert desktop.url.startswith(f"{base}/admin/login?next=")  # no session: the sign-in page
    _shot(desktop, world, "admin-login")
    _login(desktop, base, "ruh", "omar", "coord-pass-1")  # a coordinator is not an administrator
    assert "للمسؤولين فقط" in desktop.locator(".error").inner_text()
    _login(desktop, base, "ruh", "boss", "ruh-secret-1")
    assert desktop.url == f"{base}/admin/devices"
    cookie = next(c for c in desktop.context.cookies() if c["name"] == "fieldapp_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    row = desktop.locator("#devices tr", has_text="ruh-desk")
    assert row.count() == 1 and "JED" not in desktop.locator("#devices").inner_text()
    _shot(desktop, world, "admin-devices")

    desktop.click("nav a[href='/admin/health']")
    assert desktop.locator("#tile-unseen b").inner_text() == "0"
    trail = desktop.locator("#audit").inner_text()  # the refused coordinator, then this sign-in
    assert "ليس مسؤولًا" in trail and "omar" in trail and "127.0.0.1" in trail
    _shot(desktop, world, "admin-health")

    desktop.click("nav a[href='/admin/codes']")
    desktop.fill("#hours", "2")
    desktop.click("form[action='/admin/codes'] button")
    qr_text = desktop.locator("#made-code .muted bdi").inner_text()
    assert qr_text.startswith(f"FIELDAPP1 {base} ")
    assert desktop.locator("#made-code svg").count() == 1
    _shot(desktop, world, "admin-code")

    desktop.click("nav a[href='/admin/users']")
    desktop.fill("#new-username", "layla")
    desktop.fill("#new-name", "ليلى الشهري")
    desktop.select_option("#new-role", "supervisor")
    desktop.fill("#new-password", "layla-pass-1")
    desktop.click("#add-user button")
    assert desktop.locator(".notice").is_visible()
    layla = desktop.locator("tr[data-user='layla']")
    layla.locator("select[name=role]").select_option("admin")
    layla.locator("form[action$='/role'] button").click()
    layla.locator("input[name=password]").fill("layla-pass-2")
    layla.locator("form[action$='/password'] button").click()
    assert desktop.locator(".notice").is_visible()
    desktop.locator("tr[data-user='omar'] form[action$='/disable'] button").click()
    assert "JED Admin" not in desktop.content()
    _shot(desktop, world, "admin-users")
    desktop.set_viewport_size(PHONE)  # the same page on a phone: the table scrolls, the form fits
    _shot(desktop, world, "admin-users-phone")
    desktop.set_viewport_size(DESKTOP)
    rows = world.server.query(
        "SELECT username, role, active FROM central_user WHERE username IN ('layla', 'omar')"
    )
    assert sorted((u, r, bool(a)) for u, r, a in rows) == [
        ("layla", "admin", True),
        ("omar", "coordinator", False),
    ]

    desktop.click("nav a[href='/admin/events']")
    assert "JED secret event" not in desktop.content()
    desktop.locator("#events a", has_text="ملتقى التطوع البلدي").click()
    assert desktop.locator("#tile-attended b").inner_text() == "2"
    assert desktop.locator("#tile-hours b").inner_text() == "3.00"  # 90 minutes each, from the scans
    _shot(desktop, world, "admin-event")
    with desktop.expect_download() as download:
        desktop.click("#xlsx")
    saved = tmp_path / "attendance.xlsx"
    download.value.save_as(saved)
    from openpyxl import load_workbook

    sheet = load_workbook(saved).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert NAMES[0] in cells and NAMES[1] in cells and 1.5 in cells

    desktop.click("nav a[href='/admin/devices']")  # revoke the laptop, confirmed on its own page
    desktop.locator("#devices tr", has_text="ruh-desk").locator("a.danger").click()
    assert "ruh-desk" in desktop.locator("h1").inner_text()
    _shot(desktop, world, "admin-revoke")
    desktop.click("#revoke button")
    assert "ruh-desk" in desktop.locator(".notice").inner_text()
    assert desktop.locator("#devices tr", has_text="ruh-desk").locator(".bad").count() == 1
    assert world.server.query("SELECT revoked_at IS NOT NULL FROM device WHERE name = 'ruh-desk'") == [(1,)]

    audit = world.server.query("SELECT action FROM web_audit WHERE username = 'boss'")
    actions = {a for (a,) in audit}
    assert {
        "login_ok",
        "code_created",
        "user_added",
        "user_role",
        "user_password",
        "user_disable",
        "device_revoked",
    } <= actions


def test_a_form_without_its_csrf_token_is_refused(world: World, desktop):
    base = world.server.base
    desktop.goto(f"{base}/admin/login")
    _login(desktop, base, "RUH", "boss", "ruh-secret-1")
    answer = desktop.request.post(
        f"{base}/admin/users",
        form={"username": "mallory", "display_name": "M", "role": "admin", "password": "mallory-1"},
    )
    assert answer.status == 403
    answer = desktop.request.post(
        f"{base}/admin/users",
        form={
            "username": "mallory",
            "display_name": "M",
            "role": "admin",
            "password": "mallory-1",
            "csrf": "guessed",
        },
    )
    assert answer.status == 403
    assert world.server.query("SELECT id FROM central_user WHERE username = 'mallory'") == []
    # the sign-in form too: a login posted from elsewhere carries no token
    with httpx.Client(base_url=base) as http:
        refused = http.post(
            "/admin/login", data={"org": "RUH", "username": "boss", "password": "ruh-secret-1"}
        )
    assert refused.status_code == 403 and "fieldapp_session" not in refused.headers.get("set-cookie", "")


def test_one_organisations_admin_sees_nothing_of_anothers(world: World, desktop):
    base = world.server.base
    desktop.goto(f"{base}/admin/login")
    _login(desktop, base, "RUH", "boss", "ruh-secret-1")
    for path in ("/admin/devices", "/admin/users", "/admin/events", "/admin/health", "/admin/codes"):
        desktop.goto(base + path)
        page = desktop.content()
        assert "JED" not in page and "جدة" not in page, path
    desktop.goto(f"{base}/admin/events/{world.jed_event_id}")
    assert "JED secret event" not in desktop.content()
    assert desktop.request.get(f"{base}/admin/events/{world.jed_event_id}/xlsx").status == 404
    csrf = desktop.locator("input[name=csrf]").first.get_attribute("value")
    revoked = desktop.request.post(f"{base}/admin/devices/{world.jed_device_id}/revoke", form={"csrf": csrf})
    assert revoked.status == 404
    disabled = desktop.request.post(f"{base}/admin/users/jboss/disable", form={"csrf": csrf})
    assert disabled.status == 404
    assert world.server.query("SELECT revoked_at FROM device WHERE id = :d", d=world.jed_device_id) == [
        (None,)
    ]
    assert world.server.query("SELECT active FROM central_user WHERE username = 'jboss'")[0][0]

    desktop.context.clear_cookies()
    desktop.goto(f"{base}/admin/login")
    _login(desktop, base, "JED", "jboss", "jed-secret-1")
    desktop.goto(f"{base}/admin/devices")
    assert "JED secret desk" in desktop.content() and "ruh-desk" not in desktop.content()


def test_sign_in_attempts_are_rate_limited_and_audited(world: World, desktop):
    """Last: this empties 127.0.0.1's sign-in bucket on the server."""
    base = world.server.base
    desktop.goto(f"{base}/admin/login")
    for _wait in range(2):  # one wrong password refused as such first (audited "login_refused")
        _login(desktop, base, "RUH", "boss", "wrong-password")
        if "كثيرة" not in desktop.locator(".error").inner_text():
            break
        time.sleep(12.5)  # earlier sign-ins of this module emptied the bucket: one token per 12 s
    for _attempt in range(12):  # the bucket holds 5, plus one every 12 s
        _login(desktop, base, "RUH", "boss", "wrong-password")
        if "كثيرة" in desktop.locator(".error").inner_text():
            break
    else:
        pytest.fail("twelve wrong passwords in a row were never slowed down")
    _login(desktop, base, "RUH", "boss", "ruh-secret-1")  # even the right password waits now
    assert "/admin/login" in desktop.url and "كثيرة" in desktop.locator(".error").inner_text()
    actions = [a for (a,) in world.server.query("SELECT action FROM web_audit WHERE username = 'boss'")]
    assert "login_refused" in actions and "login_limited" in actions
    rows = world.server.query("SELECT client_ip FROM web_audit WHERE action = 'login_limited'")
    assert rows and rows[0][0] == "127.0.0.1"


def test_verification_is_rate_limited_per_address(world: World):
    with httpx.Client(base_url=world.server.base, timeout=10) as http:
        statuses = [http.get("/v/FA1.AAAA.BBBB").status_code for _ in range(45)]
    assert 429 in statuses and set(statuses) <= {200, 429}


def test_screenshot_files_are_small(world: World):
    shots = sorted(world.shots.glob("web-*.png"))
    assert len(shots) >= 10
    assert all(p.stat().st_size < 250_000 for p in shots), [(p.name, p.stat().st_size) for p in shots]
