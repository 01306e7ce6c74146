"""The browser pages of the central server: the public certificate check, and the admin pages.

Server-rendered (Jinja2), no script at all; Arabic right-to-left by default, English by a link
(a cookie remembers it). Every answer of these pages is a page, never a 5xx or a JSON error:
garbage in the address, the form or an upload gets a plain message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import segno
from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine

from fieldapp.core import dates
from fieldapp.core.permissions import ROLES
from fieldapp.paths import resources_dir
from fieldapp.server import admin as server_admin
from fieldapp.server.errors import ServerError
from fieldapp.server.web import queries, security, verify
from fieldapp.server.web.security import Admin, TokenBucket
from fieldapp.server.web.texts import text

HERE = Path(__file__).parent
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 12-megapixel phone photo is fine; a decompression bomb is not
LANGS = ("ar", "en")
# No script, no frame, nothing from elsewhere; the payload in a /v/ address is not sent onwards.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

# Where a link may send the browser back to: a path on this server, nothing that a browser could read
# as another host ("//host", "/\\host", control characters).
LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9/_.%?=&-]*")

templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    """An admin page asked without a valid session: answered by a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def install(app: FastAPI) -> None:
    """Mount the pages on the API's app. The rate limits live in this process's memory."""
    app.state.verify_limit = TokenBucket(rate=0.5, burst=30)
    app.state.login_limit = TokenBucket(rate=1 / 12, burst=5)
    app.mount("/static/fonts", StaticFiles(directory=resources_dir() / "fonts"), name="web-fonts")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="web-static")
    app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def _to_login(_request: Request, exc: LoginRequired) -> Response:
        return _redirect(f"/admin/login?next={quote(exc.next_path)}")

    @app.middleware("http")
    async def _bounded_upload(request: Request, call_next):
        """Refuse an upload that says it is too big before its body is read and spooled."""
        if request.method == "POST" and request.url.path == "/verify":
            try:
                length = int(request.headers.get("content-length") or 0)
            except ValueError:
                length = 0
            if length > MAX_UPLOAD_BYTES + 64 * 1024:  # the picture plus the form around it
                return render(
                    request,
                    "verify.html",
                    status=413,
                    verdict=None,
                    error=text("web.verify.too_big", lang_of(request)),
                )
        return await call_next(request)


def logged_path(path: str) -> str:
    """The access log's path: a verification address without the certificate code it carries."""
    return path[:3] + "..." if path[:3] in ("/v/", "/V/") else path


# --- helpers ------------------------------------------------------------------------------------


def _engine(request: Request) -> Engine:
    return request.app.state.engine


def lang_of(request: Request) -> str:
    lang = request.cookies.get(security.LANG_COOKIE, "ar")
    return lang if lang in LANGS else "ar"


def _redirect(location: str) -> Response:
    return RedirectResponse(location, status_code=303, headers=SECURITY_HEADERS)


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    lang = lang_of(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context.update(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        other_lang="en" if lang == "ar" else "ar",
        # The other language's name in that language (not a message: it is never translated).
        other_lang_name="English" if lang == "ar" else "العربية",
        here=here,
        t=lambda key, **params: text(key, lang, **params),
        when=lambda value: dates.format_datetime(value) if value else text("web.never", lang),
        roles=ROLES,
    )
    return templates.TemplateResponse(request, name, context, status_code=status, headers=SECURITY_HEADERS)


def _message(request: Request, error: ServerError) -> str:
    return error.message(lang_of(request))


def require_admin(request: Request) -> Admin:
    found = security.current_admin(_engine(request), request.cookies.get(security.SESSION_COOKIE))
    if found is None:
        raise LoginRequired(request.url.path)
    request.state.org_code = found.org_code  # the access log names the organisation
    return found


def _csrf_refused(request: Request) -> Response:
    return render(request, "message.html", status=403, message=text("web.csrf", lang_of(request)))


def _safe_next(path: str) -> str:
    return (
        path
        if path.startswith("/admin/") and not path.startswith("//") and "\\" not in path
        else "/admin/health"
    )


# --- language -----------------------------------------------------------------------------------


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = "/verify") -> Response:
    target = next if LOCAL_PATH.fullmatch(next) else "/verify"
    response = _redirect(target)
    if code in LANGS:
        security.set_cookie(request, response, security.LANG_COOKIE, code, max_age=365 * 24 * 3600)
    return response


@router.get("/")
def home() -> Response:
    return _redirect("/verify")


# --- public certificate verification ------------------------------------------------------------


def _limited(request: Request) -> Response | None:
    if request.app.state.verify_limit.allow(security.client_ip(request)):
        return None
    return render(
        request, "verify.html", status=429, error=text("web.limited", lang_of(request)), verdict=None
    )


def _verdict_page(request: Request, verdict: verify.Verdict) -> Response:
    return render(request, "verify.html", verdict=verdict, error=None)


@router.get("/verify")
def verify_form(request: Request) -> Response:
    return render(request, "verify.html", verdict=None, error=None)


@router.get("/v/{payload:path}")
@router.get("/V/{payload:path}")
def verify_link(request: Request, payload: str) -> Response:
    """The address a certificate's QR holds: any phone camera opens it."""
    return _limited(request) or _verdict_page(request, verify.verify_text(_engine(request), payload))


@router.post("/verify")
def verify_submitted(
    request: Request,
    code: Annotated[str, Form(max_length=verify.MAX_TEXT)] = "",
    image: Annotated[UploadFile | None, File()] = None,
) -> Response:
    limited = _limited(request)
    if limited:
        return limited
    lang = lang_of(request)
    if code.strip():
        return _verdict_page(request, verify.verify_text(_engine(request), code))
    if image is None or not image.filename:
        return render(request, "verify.html", status=400, verdict=None, error=text("web.verify.empty", lang))
    data = image.file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        return render(
            request, "verify.html", status=413, verdict=None, error=text("web.verify.too_big", lang)
        )
    texts, problem = _read_qr(data)
    if problem:
        return render(request, "verify.html", status=400, verdict=None, error=text(problem, lang))
    return _verdict_page(request, verify.verify_text(_engine(request), texts[0]))


def _read_qr(data: bytes) -> tuple[list[str], str | None]:
    """The QR texts in an uploaded picture (certificates.decode), or the message key of the problem."""
    from PIL import Image

    from fieldapp.certificates.decode import payloads_from_image

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                return [], "web.verify.bad_image"
            img.load()
            texts = payloads_from_image(img)
    except Exception:  # PIL raises many kinds for a bad picture, decode its DecodeError: never a 500
        return [], "web.verify.bad_image"
    return (texts, None) if texts else ([], "web.verify.no_qr")


# --- sign-in ------------------------------------------------------------------------------------


@router.get("/admin")
@router.get("/admin/")
def admin_home() -> Response:
    return _redirect("/admin/health")


def _login_page(request: Request, next_path: str, error: str | None = None, status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status=status, error=error, csrf=token, next=next_path)
    security.set_cookie(request, response, security.LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.get("/admin/login")
def login_form(request: Request, next: str = "/admin/health") -> Response:
    return _login_page(request, _safe_next(next))


@router.post("/admin/login")
def login(
    request: Request,
    org: Annotated[str, Form(max_length=20)] = "",
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=300)] = "/admin/health",
) -> Response:
    engine, lang, next_path = _engine(request), lang_of(request), _safe_next(next)
    if not security.same_token(csrf, request.cookies.get(security.LOGIN_CSRF_COOKIE)):
        return _csrf_refused(request)
    if not request.app.state.login_limit.allow(security.client_ip(request)):
        org_id = security.org_id_of(engine, org)
        security.audit(engine, "login_limited", request, org_id, username, f"org={org[:8]}")
        return _login_page(request, next_path, text("web.login.limited", lang), status=429)
    check = security.check_password(engine, org, username, password)
    if check.outcome != "ok":
        security.audit(engine, f"login_{check.outcome}", request, check.org_id, username, f"org={org[:8]}")
        return _login_page(request, next_path, text(f"web.login.{check.outcome}", lang), status=403)
    token = security.start_session(engine, check.user)
    security.audit(engine, "login_ok", request, check.org_id, check.user.username)
    response = _redirect(next_path)
    security.set_cookie(
        request, response, security.SESSION_COOKIE, token, max_age=security.SESSION_HOURS * 3600
    )
    response.delete_cookie(security.LOGIN_CSRF_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.post("/admin/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    me = require_admin(request)
    if not security.same_token(csrf, me.csrf_token):
        return _csrf_refused(request)
    security.end_session(_engine(request), me.token_hash)
    security.audit(_engine(request), "logout", request, me.org_id, me.username)
    response = _redirect("/admin/login")
    response.delete_cookie(security.SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


# --- admin pages --------------------------------------------------------------------------------


def _page(request: Request, me: Admin, name: str, status: int = 200, **context) -> Response:
    return render(request, name, status=status, me=me, csrf=me.csrf_token, **context)


@router.get("/admin/health")
def health_page(request: Request) -> Response:
    me = require_admin(request)
    engine = _engine(request)
    return _page(
        request,
        me,
        "health.html",
        health=queries.health(engine, me.org_id),
        trail=queries.audit_trail(engine, me.org_id),
    )


def _devices_page(
    request: Request, me: Admin, notice: str | None = None, error: str | None = None, status=200
):
    devices = queries.devices(_engine(request), me.org_id)
    return _page(request, me, "devices.html", status, devices=devices, notice=notice, error=error)


@router.get("/admin/devices")
def devices_page(request: Request) -> Response:
    return _devices_page(request, require_admin(request))


@router.get("/admin/devices/{device_id}/revoke")
def revoke_confirm(request: Request, device_id: str) -> Response:
    """No script on these pages: a revoke is confirmed on a page of its own."""
    me = require_admin(request)
    found = queries.device(_engine(request), me.org_id, device_id)
    if found is None or found.revoked_at is not None:
        return _page(request, me, "message.html", status=404, message=text("web.not_found", lang_of(request)))
    return _page(request, me, "revoke.html", device=found)


@router.post("/admin/devices/{device_id}/revoke")
def revoke_device(
    request: Request, device_id: str, csrf: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    me = require_admin(request)
    if not security.same_token(csrf, me.csrf_token):
        return _csrf_refused(request)
    try:
        device = queries.revoke(_engine(request), me.org_id, device_id)
    except ServerError as exc:
        return _devices_page(request, me, error=_message(request, exc), status=exc.status)
    security.audit(_engine(request), "device_revoked", request, me.org_id, me.username, device.id)
    return _devices_page(request, me, notice=text("web.dev.revoked_done", lang_of(request), name=device.name))


def _codes_page(request: Request, me: Admin, made: dict | None = None, error: str | None = None, status=200):
    codes = queries.open_codes(_engine(request), me.org_id)
    qr_svg = None
    if made is not None:
        qr_svg = segno.make(made["qr_text"], error="m").svg_inline(scale=5, dark="#0b3d2e", omitsize=False)
    default_url = str(request.base_url).rstrip("/")
    return _page(
        request,
        me,
        "codes.html",
        status,
        codes=codes,
        made=made,
        qr_svg=qr_svg,
        error=error,
        default_url=default_url,
    )


@router.get("/admin/codes")
def codes_page(request: Request) -> Response:
    return _codes_page(request, require_admin(request))


@router.post("/admin/codes")
def create_code(
    request: Request,
    server_url: Annotated[str, Form(max_length=300)] = "",
    hours: Annotated[str, Form(max_length=10)] = "24",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    me = require_admin(request)
    if not security.same_token(csrf, me.csrf_token):
        return _csrf_refused(request)
    url = server_url.strip() or str(request.base_url).rstrip("/")
    try:
        try:
            lifetime = float(hours.replace(",", "."))
        except ValueError:
            raise ServerError("server.expires_hours") from None
        if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
            raise ServerError("web.codes.bad_url")
        made = server_admin.make_enroll_code(_engine(request), me.org_code, lifetime, url)
    except ServerError as exc:
        return _codes_page(request, me, error=_message(request, exc), status=exc.status)
    security.audit(
        _engine(request), "code_created", request, me.org_id, me.username, f"expires {made['expires_at']}"
    )
    return _codes_page(request, me, made=made)


def _users_page(request: Request, me: Admin, notice: str | None = None, error: str | None = None, status=200):
    users = queries.users(_engine(request), me.org_id)
    return _page(request, me, "users.html", status, users=users, notice=notice, error=error)


@router.get("/admin/users")
def users_page(request: Request) -> Response:
    return _users_page(request, require_admin(request))


@router.post("/admin/users")
def add_user(
    request: Request,
    username: Annotated[str, Form(max_length=64)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "coordinator",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    me = require_admin(request)
    if not security.same_token(csrf, me.csrf_token):
        return _csrf_refused(request)
    try:
        user = queries.add_user(_engine(request), me.org_id, username, display_name, role, password)
    except ServerError as exc:
        return _users_page(request, me, error=_message(request, exc), status=exc.status)
    security.audit(
        _engine(request), "user_added", request, me.org_id, me.username, f"{user['username']} {role}"
    )
    return _users_page(
        request, me, notice=text("web.users.saved", lang_of(request), username=user["username"])
    )


@router.post("/admin/users/{username}/{action}")
def change_user(
    request: Request,
    username: str,
    action: str,
    role: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    me = require_admin(request)
    if not security.same_token(csrf, me.csrf_token):
        return _csrf_refused(request)
    engine, lang = _engine(request), lang_of(request)
    if action in ("disable", "role") and username.lower() == me.username:
        return _users_page(request, me, error=text("web.users.self", lang), status=400)
    try:
        if action == "disable":
            queries.change_user(engine, me.org_id, username, active=False)
        elif action == "enable":
            queries.change_user(engine, me.org_id, username, active=True)
        elif action == "role":
            queries.change_user(engine, me.org_id, username, role=role)
        elif action == "password":
            queries.reset_password(engine, me.org_id, username, password)
        else:
            return render(request, "message.html", status=404, message=text("web.not_found", lang))
    except ServerError as exc:
        return _users_page(request, me, error=_message(request, exc), status=exc.status)
    detail = f"{username[:64]} {role}".strip()
    security.audit(engine, f"user_{action}", request, me.org_id, me.username, detail)
    return _users_page(request, me, notice=text("web.users.saved", lang, username=username[:64]))


@router.get("/admin/events")
def events_page(request: Request) -> Response:
    me = require_admin(request)
    engine = _engine(request)
    found = queries.events(engine, me.org_id)
    listed = list(zip(found, queries.attendance_of_events(engine, me.org_id, found), strict=True))
    return _page(request, me, "events.html", events=listed)


def _event_or_404(request: Request, me: Admin, event_id: str) -> queries.EventInfo | Response:
    found = queries.event(_engine(request), me.org_id, event_id)
    if found is None:
        return _page(request, me, "message.html", status=404, message=text("web.not_found", lang_of(request)))
    return found


@router.get("/admin/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    me = require_admin(request)
    found = _event_or_404(request, me, event_id)
    if isinstance(found, Response):
        return found
    result = queries.attendance(_engine(request), me.org_id, found)
    return _page(request, me, "event.html", event=found, attendance=result)


@router.get("/admin/events/{event_id}/xlsx")
def event_xlsx(request: Request, event_id: str) -> Response:
    from fieldapp.reports.xlsx import attendance_xlsx

    me = require_admin(request)
    found = _event_or_404(request, me, event_id)
    if isinstance(found, Response):
        return found
    result = queries.attendance(_engine(request), me.org_id, found)
    with tempfile.TemporaryDirectory(prefix="fieldapp-web-") as tmp:
        path = attendance_xlsx(result, found, Path(tmp) / "attendance.xlsx", organisation=me.org_name)
        content = path.read_bytes()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    name = f"attendance-{found.id.replace('-', '')[-8:]}-{stamp}.xlsx"
    headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(content, media_type=media, headers=headers)
