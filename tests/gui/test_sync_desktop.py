"""Sync in the desktop app against a REAL `fieldapp server` process on 127.0.0.1: two laptops, each
its own SQLite file and main window, driven by keys and clicks.

Enrolment by typed code and by the scanned QR text; a scan on laptop A shows on laptop B's desk
after sync (and B's scan of that person says which laptop checked them in); a conflict resolved
on B's review screen reaches A; a duplicate walk-in merged on the review screen leaves one person
with the right hours everywhere; a revoked laptop says so and keeps working offline.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from fieldapp.bench.sync_bench import ServerProcess
from PySide6.QtCore import Qt

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.core import dates
from fieldapp.server import admin
from fieldapp.server.db import make_engine
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store


@pytest.fixture(scope="module")
def running_server(tmp_path_factory):
    """One server process for the module (starting one is the slowest step); each test has its own
    organisation on it, so no test sees another's data. Its log goes to a file: a pipe nobody
    reads would fill and stop the server."""
    directory = tmp_path_factory.mktemp("server")
    srv = ServerProcess(f"sqlite:///{directory / 'server.db'}", directory)
    try:
        yield srv
    finally:
        srv.stop()


class Organisation:
    """An organisation of its own on the shared server: its enrolment codes, the server's URL."""

    def __init__(self, srv: ServerProcess, code: str) -> None:
        self.base, self.db_url, self.org = srv.base, srv.db_url, code
        engine = make_engine(self.db_url)
        try:
            admin.create_org(engine, f"Organisation {code}", code)
        finally:
            engine.dispose()

    def code(self) -> str:
        engine = make_engine(self.db_url)
        try:
            return admin.make_enroll_code(engine, self.org, 1, self.base)["code"]
        finally:
            engine.dispose()


_orgs = itertools.count(1)


@pytest.fixture
def server(running_server):
    return Organisation(running_server, f"ORG{next(_orgs)}")


class Laptop:
    """A laptop: its own data directory and database, an admin signed in, the main window shown."""

    def __init__(self, root, name: str, qtbot) -> None:
        from fieldapp.gui.app import install_error_handlers, switch_language
        from fieldapp.gui.context import GuiContext
        from fieldapp.gui.main_window import MainWindow
        from fieldapp.gui.runner import SyncRunner

        self.name = name
        self.data = DataDir(root / name)
        self.data.root.mkdir()
        self.store = Store.open(self.data.database, self.data.backups)
        user = Services(self.store, None).users.create("sara", "سارة العتيبي", "admin", "secret123")
        self.runner = SyncRunner()
        self.ctx = GuiContext(self.store, self.runner, self.data, user)
        self.ctx.language_switcher = switch_language
        install_error_handlers(self.runner, lambda: None)
        self.window = MainWindow(self.ctx)
        qtbot.addWidget(self.window)
        self.window.show()
        self.window.sync.auto = False  # the test says when to sync
        self.qtbot = qtbot

    @property
    def services(self) -> Services:
        return self.ctx.services

    def settle(self) -> None:
        self.runner.wait_idle(10)

    def server_page(self):
        assert self.window.show_screen("settings")
        settings = self.window.screens["settings"]
        settings.show_central_server()
        self.settle()
        return settings.server_page

    def enrol_typed(self, url: str, code: str) -> None:
        page = self.server_page()
        self.qtbot.keyClicks(page.url, url)
        self.qtbot.keyClicks(page.code, code)
        self.qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
        self.settle()

    def sync(self) -> None:
        self.window.sync.sync_now()  # inline with SyncRunner; the round's end publishes what it changed
        self.settle()

    def status_text(self) -> str:
        return self.window.sync_status_label.text()

    def close(self) -> None:
        self.window.sync.stop()
        self.window.close()
        self.store.close()


@pytest.fixture
def laptops(tmp_path, gui_app, qtbot):
    made: list[Laptop] = []

    def make(name: str) -> Laptop:
        made.append(Laptop(tmp_path, name, qtbot))
        return made[-1]

    yield make
    for laptop in made:
        laptop.close()


def _enrolled(server: Organisation, *laptops: Laptop) -> None:
    for laptop in laptops:
        laptop.enrol_typed(server.base, server.code())
        assert laptop.window.sync.view.status.enrolled


def _event(services: Services) -> str:
    now = dates.now()
    data = EventInput(
        "يوم التشجير",
        now - dt.timedelta(hours=2),
        now + dt.timedelta(hours=6),
        rounding_min=0,
        min_scan_interval_min=0,
    )
    return services.events.create(data).id


def _desk(laptop: Laptop, event_id: str):
    laptop.ctx.set_current_event(event_id)
    assert laptop.window.show_screen("desk")
    laptop.settle()
    return laptop.window.screens["desk"]


def _scan(laptop: Laptop, desk, code: str) -> None:
    laptop.qtbot.keyClicks(desk.scan_field, code)
    laptop.qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    laptop.settle()


def test_enrol_by_typed_code_and_by_the_scanned_qr_text(server, laptops):
    a = laptops("a")
    a.services.people.create(PersonInput("Held before enrolling", mobile="0501110001"))
    page = a.server_page()
    assert "شخص واحد" in page.holds.text()  # told what will go up
    from PySide6.QtWidgets import QMessageBox

    asked = []
    original = QMessageBox.question
    QMessageBox.question = lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes
    try:
        a.enrol_typed(server.base, server.code())
    finally:
        QMessageBox.question = original
    assert asked, "a laptop holding data is asked before it enrols"
    assert a.window.sync.view.status.org_code == server.org
    assert page.pages.currentIndex() == 1 and f"Organisation {server.org}" in page.status_lines.text()
    a.sync()
    assert a.window.sync.view.state == "ok" and "تمت المزامنة" in a.status_text()
    assert a.window.sync.view.status.pending_ops == 0

    # B: the desk's USB scanner types the QR text into the code field, then Enter.
    b = laptops("b")
    page = b.server_page()
    qr_text = f"FIELDAPP1 {server.base} {server.code()}"
    b.qtbot.keyClicks(page.code, qr_text)
    assert page.url.text() == server.base  # the address came from the QR text
    b.qtbot.keyClick(page.code, Qt.Key.Key_Return)
    b.settle()
    assert b.window.sync.view.status.enrolled
    b.sync()
    assert b.services.search.find("Held before enrolling")
    # A used code is refused plainly, nothing changes.
    c = laptops("c")
    page = c.server_page()
    page.url.setText(server.base)
    page.code.setText("ZZZZ-ZZZZ-ZZ")
    c.qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    c.settle()
    assert page.enrol_error.text() and not c.window.sync.view.status.enrolled


def test_a_scan_on_one_laptop_shows_on_the_other_desk_and_b_checks_out_by_the_same_rules(server, laptops):
    a, b = laptops("a"), laptops("b")
    _enrolled(server, a, b)
    event_id = _event(a.services)
    person = a.services.people.create(PersonInput("هند الغامدي", national_id="1098765439"))
    a.services.events.register_many(event_id, [person.id], "import")
    a.sync()
    b.sync()
    desk_a, desk_b = _desk(a, event_id), _desk(b, event_id)
    assert desk_b.who_is_in.model.rowCount() == 0

    _scan(a, desk_a, "1098765439")
    assert desk_a.banner.status == "ok"
    a.qtbot.waitUntil(lambda: "تغيير واحد بانتظار الإرسال" in a.status_text(), timeout=3000)
    a.sync()
    b.sync()  # no click on B's desk: the pulled scan is published and the desk refreshes
    assert desk_b.who_is_in.model.rowCount() == 1
    assert desk_b.who_is_in.model.row_at(0).person_id == person.id

    _scan(b, desk_b, "1098765439")  # B checks out the person A checked in
    assert desk_b.banner.status == "ok" and b.services.attendance.in_now(event_id) == []
    text = desk_b.result_panel.reason_label.text()
    code_a = a.window.sync.view.status.short_code
    assert "دخل/دخلت عبر جهاز" in text and code_a in text  # no gender recorded: both forms
    b.sync()
    a.sync()
    assert desk_a.who_is_in.model.rowCount() == desk_b.who_is_in.model.rowCount()


def test_a_conflict_resolved_on_b_review_screen_reaches_a(server, laptops):
    a, b = laptops("a"), laptops("b")
    _enrolled(server, a, b)
    person = a.services.people.create(PersonInput("Huda Al-Qahtani", mobile="0551234567"))
    a.sync()
    b.sync()
    a.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile="0551234567", notes="from A"))
    b.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile="0551234567", notes="from B"))
    a.sync()
    b.sync()
    assert b.window.sync.view.review.conflicts == 1
    assert "(1)" in b.window.nav.item(b.window.screen_keys().index("review")).text()  # the badge

    assert b.window.show_screen("review")
    b.settle()
    review = b.window.screens["review"]
    assert review.conflicts_model.rowCount() == 1
    item = review.conflicts_model.row_at(0)
    assert (item.field, item.kept_value, item.lost_value) == ("notes", "from B", "from A")
    b.qtbot.mouseClick(review.restore_button, Qt.MouseButton.LeftButton)
    b.settle()
    assert review.conflicts_model.rowCount() == 0, (
        review.error.text(),
        review.conflicts_table.selectionModel().selectedRows(),
    )
    assert b.services.people.get(person.id).notes == "from A"
    b.sync()
    a.sync()
    assert a.services.people.get(person.id).notes == "from A"
    assert a.window.sync.view.review.conflicts == 0  # decided on B: settled on A too
    assert b.window.nav.item(b.window.screen_keys().index("review")).text() == review.title()


def test_a_duplicate_walk_in_merged_on_the_review_screen_is_one_person_with_the_right_hours(server, laptops):
    a, b = laptops("a"), laptops("b")
    _enrolled(server, a, b)
    event_id = _event(a.services)
    a.sync()
    b.sync()
    now = dates.now()
    # The same walk-in on both laptops, offline: the same mobile, the name written two ways.
    sami = a.services.people.create(PersonInput("سامي العمري", mobile="0559990001"))
    other = b.services.people.create(PersonInput("سامي عبدالله", mobile="0559990001"))
    for laptop, person, start in ((a, sami, 90), (b, other, 40)):  # 30 minutes on each laptop
        for direction, minutes_ago in (("in", start), ("out", start - 30)):
            laptop.services.attendance.scan(
                event_id,
                person.id,
                method="manual",
                direction=direction,
                at=now - dt.timedelta(minutes=minutes_ago),
            )
    a.sync()
    b.sync()
    a.sync()
    assert a.window.sync.view.review.duplicates == 1
    assert a.window.show_screen("review")
    a.settle()
    review = a.window.screens["review"]
    assert review.tabs.currentIndex() == 1 and review.duplicates_model.rowCount() == 1
    pair = review.duplicates_model.row_at(0)
    assert {pair.first.id, pair.second.id} == {sami.id, other.id}
    a.qtbot.mouseClick(review.merge_button, Qt.MouseButton.LeftButton)
    a.settle()
    a.sync()
    b.sync()
    a.sync()
    for laptop in (a, b):
        rows = laptop.services.attendance.event_attendance(event_id).rows
        assert [(r.person_id, r.hours) for r in rows] == [(sami.id, 1.0)]
        assert laptop.window.sync.view.review.duplicates == 0


def test_a_revoked_laptop_says_so_and_keeps_working_offline(server, laptops):
    a = laptops("a")
    _enrolled(server, a)
    event_id = _event(a.services)
    person = a.services.people.create(PersonInput("نوف الحربي", national_id="1023456781"))
    a.services.events.register_many(event_id, [person.id], "import")
    a.sync()
    assert cli.main(["server-admin", "--db", server.db_url, "revoke", a.store.device_id]) == 0
    a.sync()
    assert a.window.sync.view.state == "revoked"
    assert "أُزيل هذا الحاسوب من الجهة" in a.status_text()
    popup = a.window.sync_status_label.open_details()
    assert "أُزيل" in popup.lines.text()
    popup.hide()
    desk = _desk(a, event_id)
    _scan(a, desk, "1023456781")
    assert desk.banner.status == "ok"  # the desk works as before
    a.qtbot.waitUntil(lambda: a.window.sync.view.status.pending_ops == 1, timeout=3000)  # kept, waiting
    a.ctx.set_language("en")
    assert "removed from the organisation" in a.status_text()


def test_the_login_takes_a_central_account_offline_and_refuses_it_once_disabled(server, laptops):
    from fieldapp.gui.login import LoginDialog

    a = laptops("a")
    _enrolled(server, a)
    engine = make_engine(server.db_url)
    try:
        admin.add_user(engine, server.org, "mona", "منى الحربي", "coordinator", "s3cret-pass")
        a.sync()
    finally:
        engine.dispose()

    def sign_in() -> LoginDialog:
        login = LoginDialog(a.store, a.runner)
        a.qtbot.addWidget(login)
        login.show()
        a.qtbot.keyClicks(login.ui.usernameEdit, "mona")
        a.qtbot.keyClicks(login.ui.passwordEdit, "s3cret-pass")
        signed: list = []
        login.signed_in.connect(signed.append)
        a.qtbot.mouseClick(login.ui.signInButton, Qt.MouseButton.LeftButton)
        a.settle()
        login.signed = signed
        return login

    login = sign_in()  # a local check of the pulled hash: no server asked
    assert [u.username for u in login.signed] == ["mona"] and login.error_text() == ""
    a.ctx.set_user(login.signed[0])  # mona works at this laptop now
    engine = make_engine(server.db_url)
    try:
        admin.disable_user(engine, server.org, "mona")
    finally:
        engine.dispose()
    locked: list = []
    a.window.lock_requested.connect(lambda: locked.append(True))
    a.sync()
    assert locked, "the window locks when its signed-in account was disabled on the server"
    login = sign_in()
    assert login.signed == []
    assert "أوقف مدير الجهة هذا الحساب على الخادم المركزي" in login.error_text()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_last_error_keeps_the_server_address_before_its_detail_and_full_stop(main_window, gui_ctx, lang):
    """A round against a server that is not there (a closed port on 127.0.0.1): the details
    popup's last-error line, read back as laid out in the popup's width, has the address where the
    sentence puts it («الخادم http://… (…).»), not the full stop or the detail before it."""
    import socket

    from fieldapp.demo_sync import stage_enrolment
    from tests.gui.test_arabic_text import visual

    with socket.socket() as probe:  # a port nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    stage_enrolment(gui_ctx.store, gui_ctx.user.actor, url)
    gui_ctx.set_language(lang)
    sync = main_window.sync
    sync.auto = False
    sync.reload()
    gui_ctx.runner.wait_idle(5)
    sync.sync_now()
    gui_ctx.runner.wait_idle(10)
    assert sync.view.state == "offline" and url in sync.view.error
    popup = main_window.sync_status_label.open_details()
    shown = visual(popup.lines.text(), rtl=lang == "ar", width=popup.lines.contentsRect().width())
    if lang == "ar":  # right to left: «الخادم» then the address, on one line; the «.» after the detail
        assert f"{url}مداخلا" in shown
        assert f".{url}" not in shown and f"){url}" not in shown
    else:
        assert f"server{url}(" in shown.replace("\n", "")
    popup.hide()


def test_enrolment_waits_for_the_server_on_the_network_pool_not_the_database_thread(
    gui_app, store, admin_user, tmp_path, qtbot
):
    """With the real threaded runner and a server that takes its time: while it has not answered,
    the database thread still serves the desk (a read submitted then is done at once), and its
    refusal reaches the page once it comes."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from fieldapp.gui.context import GuiContext
    from fieldapp.gui.runner import ThreadRunner
    from fieldapp.gui.sync.controller import SyncController
    from fieldapp.gui.sync.server_page import CentralServerPage

    asked, answer_now = threading.Event(), threading.Event()

    class SlowServer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.set()
            answer_now.wait(15)
            body = json.dumps(
                {"error": "enroll.bad_code", "message_ar": "رمز غير صالح", "message_en": "Bad code"}
            )
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        do_POST = do_GET

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    runner = ThreadRunner()
    try:
        ctx = GuiContext(store, runner, DataDir(tmp_path), admin_user)
        page = CentralServerPage(ctx, SyncController(ctx, auto=False))
        qtbot.addWidget(page)
        page.url.setText(f"http://127.0.0.1:{server.server_address[1]}")
        page.code.setText("ABCD-EFGH-JK")
        qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(asked.is_set, timeout=10000)  # the read step done, the server asked
        read = runner.db(ctx.services.people.list, 1, 20)
        qtbot.waitUntil(lambda: read.done, timeout=2000)  # the desk's read did not wait for the server
        assert not page.enrol_error.text()  # the enrolment still waits
        answer_now.set()
        qtbot.waitUntil(lambda: "رمز غير صالح" in page.enrol_error.text(), timeout=15000)
        assert not ctx.services.sync_state.status().enrolled
    finally:
        answer_now.set()
        runner.wait_idle(10)
        runner.shutdown()
        server.shutdown()


def test_the_sync_status_counts_agree_with_their_numbers(gui_ctx):
    """«قبل دقيقتين», «3 تغييرات بانتظار الإرسال», «11 تغييرًا…» (Qt's %n with the six Arabic forms),
    English's two, and the chosen digits."""
    from fieldapp.gui.sync.controller import SyncView
    from fieldapp.gui.sync.server_page import what_goes_up
    from fieldapp.gui.sync.texts import ago, status_line
    from fieldapp.services.sync_state import SyncStatus

    now = dt.datetime.now(dt.UTC)

    def synced(minutes: int) -> str:
        return ago(gui_ctx, now - dt.timedelta(minutes=minutes, seconds=5), now)

    def line(pending: int = 0, skew_min: int = 0) -> str:
        status = SyncStatus(
            True, "https://sync.example.sa", "TAIF", "أمانة", "K7QZ", now, now, "", pending, 0
        )
        return status_line(gui_ctx, SyncView("ok", status, clock_skew_s=skew_min * 60))[0]

    assert [synced(m) for m in (1, 2, 3, 11, 100, 120, 180, 720)] == [
        "تمت المزامنة قبل دقيقة",
        "تمت المزامنة قبل دقيقتين",
        "تمت المزامنة قبل 3 دقائق",
        "تمت المزامنة قبل 11 دقيقةً",
        "تمت المزامنة قبل 100 دقيقة",
        "تمت المزامنة قبل ساعتين",
        "تمت المزامنة قبل 3 ساعات",
        "تمت المزامنة قبل 12 ساعةً",
    ]
    assert [line(n).split(" — ")[-1] for n in (1, 2, 3, 11, 100)] == [
        "تغيير واحد بانتظار الإرسال",
        "تغييران بانتظار الإرسال",
        "3 تغييرات بانتظار الإرسال",
        "11 تغييرًا بانتظار الإرسال",
        "100 تغيير بانتظار الإرسال",
    ]
    assert line(skew_min=13).startswith("ساعة هذا الحاسوب مختلفة بـ13 دقيقةً")
    pending = {"person": 1, "scan": 11, "certificate": 3, "audit_x": 2}  # before enrolling: what goes up
    assert what_goes_up(gui_ctx, pending) == "11 مسحًا، 3 شهادات، شخص واحد، تغييران آخران"
    gui_ctx.set_digits("arabic", persist=False)
    assert line(3).endswith("٣ تغييرات بانتظار الإرسال")
    gui_ctx.set_digits("latin", persist=False)
    gui_ctx.set_language("en")
    assert [synced(m) for m in (1, 2)] == ["Synced 1 minute ago", "Synced 2 minutes ago"]
    assert [line(n).split(" — ")[-1] for n in (1, 11)] == [
        "1 change waiting to send",
        "11 changes waiting to send",
    ]
    assert line(skew_min=13).startswith("This laptop's clock is off by 13 minutes")
    assert what_goes_up(gui_ctx, pending) == "11 scans, 3 certificates, 1 person, 2 other changes"
