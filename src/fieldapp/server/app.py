"""The central server's HTTP API (FastAPI): health, meta, enrolment, who-am-I, and the sync
(hello, push, changes, verify, rows, users: server.push and server.feed do the work).

Errors are JSON `{error, message_ar, message_en}`. Token problems are always 401 (never 400/403),
with `auth.revoked` distinct from `auth.unknown_token` so a laptop can say "this laptop was
removed". Every request gets a request id (X-Request-ID, echoed or made) and one JSON log line:
method, path, status, duration, request id and the organisation code once authenticated; never
a token, a code or personal data. Endpoints are plain functions: FastAPI runs them in its thread
pool, each with its own database session.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
import uuid
from contextlib import asynccontextmanager
from typing import Annotated

import orjson
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from fieldapp import __version__
from fieldapp.core import i18n
from fieldapp.server import devices, feed, push, schemas
from fieldapp.server.admin import ensure_server_state
from fieldapp.server.db import ENV_DB, make_engine, read_session
from fieldapp.server.errors import ServerError
from fieldapp.server.migrate import current_revision, head_revision
from fieldapp.server.models import ServerState
from fieldapp.server.web import routes as web

i18n.register(
    {
        "auth.missing_token": (
            "الطلب بلا رمز دخول (Authorization: Bearer).",
            "The request carries no token (Authorization: Bearer).",
        ),
        "request.invalid": ("الطلب غير صالح: {detail}", "The request is not valid: {detail}"),
        "server.db_not_migrated": (
            "قاعدة بيانات الخادم ليست بآخر مراجعة ({revision}); شغّل fieldapp server أو server-admin لترقيتها.",
            "The server database is not at the latest revision ({revision}); "
            "run fieldapp server or server-admin to upgrade it.",
        ),
    }
)

CLIENT_SCHEMA_MIN = 1
CLIENT_SCHEMA_MAX = 1
MAX_PUSH_OPS = 500
PULL_PAGE_ROWS = 2000
ERRORS = {status: {"model": schemas.ErrorOut} for status in (400, 401, 403, 409, 410, 422)}

log = logging.getLogger("fieldapp.server.access")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_bearer = HTTPBearer(auto_error=False)


def _engine(request: Request) -> Engine:
    return request.app.state.engine


def caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> devices.Caller:
    """The authenticated device (401 otherwise); its organisation scopes everything it does."""
    if credentials is None or not credentials.credentials:
        raise ServerError("auth.missing_token", status=401)
    found = devices.authenticate(_engine(request), credentials.credentials)
    request.state.org_code = found.org_code
    return found


def _epoch(engine: Engine) -> str:
    with read_session(engine) as s:
        return s.get(ServerState, 1).epoch


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServerError)
    async def _server_error(_request: Request, exc: ServerError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.as_json(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()) or "body"
        body = ServerError("request.invalid", status=422, detail=fields).as_json()
        body["detail"] = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        return JSONResponse(body, status_code=422)

    @app.middleware("http")
    async def _request_log(request: Request, call_next):
        given = request.headers.get("x-request-id", "")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        started, status = time.perf_counter(), 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["X-Request-ID"] = request_id
            return response
        finally:
            line = {
                "event": "request",
                "method": request.method,
                "path": web.logged_path(request.url.path),
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "request_id": request_id,
            }
            org = getattr(request.state, "org_code", None)
            if org:
                line["org"] = org
            log.info(json.dumps(line))


def _check_schema(engine: Engine) -> None:
    """The workers never migrate (`fieldapp server` did, once, before starting them): they refuse
    a database that is not exactly at this code's head."""
    current = current_revision(engine)
    if current != head_revision():
        raise ServerError("server.db_not_migrated", revision=current or "-")


def create_app(db_url: str, *, check_schema: bool = True) -> FastAPI:
    """The API on the database at `db_url`, which `fieldapp server` (or server.migrate) migrated."""
    engine = make_engine(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if check_schema:
            _check_schema(engine)
            ensure_server_state(engine)
        yield
        engine.dispose()

    app = FastAPI(title="FieldApp central server", version=__version__, lifespan=lifespan)
    app.state.engine = engine
    _install_handlers(app)
    _install_routes(app)
    _install_sync_routes(app)
    web.install(app)  # the browser pages: certificate verification, admin
    return app


def _install_routes(app: FastAPI) -> None:
    @app.get("/health", response_model=schemas.HealthOut, responses={503: {"model": schemas.HealthOut}})
    def health(request: Request):
        try:
            with _engine(request).connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            body = schemas.HealthOut(status="error", db="unreachable", version=__version__)
            return JSONResponse(body.model_dump(), status_code=503)
        return schemas.HealthOut(status="ok", db="ok", version=__version__)

    @app.get("/v1/meta", response_model=schemas.MetaOut)
    def meta(request: Request) -> schemas.MetaOut:
        return schemas.MetaOut(
            server_time=dt.datetime.now(dt.UTC),
            server_epoch=_epoch(_engine(request)),
            server_version=__version__,
            client_schema=schemas.SchemaRange(min=CLIENT_SCHEMA_MIN, max=CLIENT_SCHEMA_MAX),
            limits=schemas.Limits(max_push_ops=MAX_PUSH_OPS, pull_page_rows=PULL_PAGE_ROWS),
        )

    @app.post("/v1/enroll", response_model=schemas.EnrollOut, responses=ERRORS)
    def enroll(body: schemas.EnrollIn, request: Request) -> schemas.EnrollOut:
        token, org, device, epoch = devices.enroll(
            _engine(request), devices.EnrollRequest(**body.model_dump())
        )
        request.state.org_code = org.code
        return schemas.EnrollOut(
            token=token,
            organisation=schemas.OrganisationOut(id=org.id, code=org.code, name=org.name),
            device=schemas.DeviceRef(id=device.id, short_code=device.short_code),
            server_epoch=epoch,
        )

    @app.get("/v1/whoami", response_model=schemas.WhoamiOut, responses=ERRORS)
    def whoami(request: Request, me: Annotated[devices.Caller, Depends(caller)]) -> schemas.WhoamiOut:
        return schemas.WhoamiOut(
            device=schemas.DeviceOut(id=me.device_id, name=me.device_name, short_code=me.short_code),
            organisation=schemas.OrganisationOut(id=me.org_id, code=me.org_code, name=me.org_name),
            server_epoch=_epoch(_engine(request)),
        )


Me = Annotated[devices.Caller, Depends(caller)]  # module level: annotations are strings here


def _install_sync_routes(app: FastAPI) -> None:
    def raw(text: str) -> Response:
        return Response(content=text, media_type="application/json")

    @app.post("/v1/hello", response_model=schemas.HelloOut, responses=ERRORS)
    def hello(body: schemas.HelloIn, request: Request, me: Me) -> schemas.HelloOut:
        found = feed.hello(_engine(request), me, body.app_version, body.pending_ops, body.cursor)
        return schemas.HelloOut(
            **found,
            client_schema=schemas.SchemaRange(min=CLIENT_SCHEMA_MIN, max=CLIENT_SCHEMA_MAX),
            limits=schemas.Limits(max_push_ops=MAX_PUSH_OPS, pull_page_rows=PULL_PAGE_ROWS),
        )

    @app.post("/v1/push", responses={200: {"model": schemas.PushOut}, **ERRORS})
    def push_ops(body: schemas.PushIn, request: Request, me: Me) -> Response:
        ops = [push.Op(o.op_id, o.table, o.row_id, o.kind, o.hlc, o.payload) for o in body.ops]
        answers = push.push(_engine(request), me, ops)
        # Written straight, as /v1/changes is (schemas.PushOut documents it): no 500 answer models
        # built, validated again and encoded by the standard library on every push.
        out = {"results": [a.as_json() for a in answers], "server_epoch": _epoch(_engine(request))}
        return Response(content=orjson.dumps(out), media_type="application/json")

    @app.get("/v1/changes", responses={200: {"model": schemas.ChangesOut}, **ERRORS})
    def changes(
        request: Request,
        me: Me,
        since: Annotated[int, Query(ge=0, le=schemas.MAX_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=PULL_PAGE_ROWS)] = PULL_PAGE_ROWS,
    ) -> Response:
        return raw(feed.changes(_engine(request), me, since, limit))

    @app.post("/v1/rows", responses={200: {"model": schemas.RowsOut}, **ERRORS})
    def rows(body: schemas.RowsIn, request: Request, me: Me) -> Response:
        return raw(feed.rows_by_id(_engine(request), me, body.table, body.ids))

    @app.get("/v1/verify", response_model=schemas.VerifyOut, responses=ERRORS)
    def verify(request: Request, me: Me) -> dict:
        return feed.verify(_engine(request), me)

    @app.get("/v1/verify/{table}/{bucket}", response_model=schemas.BucketOut, responses=ERRORS)
    def verify_bucket(
        table: Annotated[str, Path(pattern=schemas.TABLE_PATTERN)],
        bucket: Annotated[int, Path(ge=0, le=15)],
        request: Request,
        me: Me,
    ) -> dict:
        return feed.bucket(_engine(request), me, table, bucket)

    @app.get("/v1/users", response_model=schemas.UsersOut, responses=ERRORS)
    def users(request: Request, me: Me) -> dict:
        return {"users": feed.users(_engine(request), me)}


def app_from_env() -> FastAPI:
    """The factory uvicorn's workers call (`fieldapp.server.app:app_from_env`, factory=True)."""
    from fieldapp.server.runner import configure_logging

    configure_logging()
    return create_app(os.environ[ENV_DB])
