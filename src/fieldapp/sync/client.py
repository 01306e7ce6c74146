"""The laptop's HTTP client of the central server (httpx, with timeouts), Qt-free.

Every failure becomes a FieldAppError with a message in both languages, never a traceback:
- the server cannot be reached (connection refused, DNS, TLS, timeout): `SyncOffline`;
- the server refused with its JSON error `{error, message_ar, message_en}`: `ServerRefusal`,
  carrying the server's own key (`.code`, e.g. enroll.code_used) and its own bilingual message;
- 401 `auth.revoked`: `SyncRevoked` (the laptop stops syncing, keeps all its data and outbox);
- any other non-2xx answer (or a body that is not JSON): `SyncServerError` with the status.

Only the failures that say nothing about the request itself are retried, with back-off and
jitter: the server unreachable, a 5xx, a 429 (honouring Retry-After). A 401 is never retried and
never read as a refusal of the data: the caller keeps every pending change.
"""

from __future__ import annotations

import functools
import random
import ssl
import time
from collections.abc import Callable
from typing import Any

import httpx
import orjson

from fieldapp.core import i18n
from fieldapp.core.errors import FieldAppError

i18n.register(
    {
        "sync.offline": (
            "تعذّر الوصول إلى الخادم {url} ({detail}). العمل مستمر دون اتصال ولم يضِع شيء.",
            "Cannot reach the server {url} ({detail}). Work continues offline; nothing is lost.",
        ),
        "sync.revoked": (
            "أُزيل هذا الحاسوب من الجهة؛ توقفت المزامنة. العمل مستمر دون اتصال ولم يضِع شيء.",
            "This laptop was removed from the organisation; sync stopped. "
            "Work continues offline; nothing is lost.",
        ),
        "sync.server_error": (
            "ردّ الخادم {url} بخطأ (HTTP {status}). حاول لاحقًا؛ لم يضِع شيء.",
            "The server {url} answered with an error (HTTP {status}). Try again later; nothing is lost.",
        ),
        "sync.server_says": ("ردّ الخادم: {text}", "The server says: {text}"),
        "sync.bad_url": (
            "عنوان الخادم غير صالح: «{url}» (مثال: https://fieldapp.example.sa:8765).",
            "The server address is not valid: “{url}” (for example https://fieldapp.example.sa:8765).",
        ),
        "sync.ca_file": (
            "تعذّرت قراءة ملف شهادة الجهة {path}: {detail}",
            "Cannot read the certificate authority file {path}: {detail}",
        ),
    }
)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
RETRY_DELAYS_S = (0.5, 1.5, 4.0)  # then the round stops; the next round starts over
MAX_RETRY_AFTER_S = 30.0


class SyncError(FieldAppError):
    """A sync failure the user is told about plainly (offline, refused, revoked, server error)."""


class SyncOffline(SyncError):
    """The server could not be reached: nothing happened on either side."""


class SyncRevoked(SyncError):
    """The server says this laptop was revoked (401 auth.revoked)."""


class SyncServerError(SyncError):
    """A non-2xx answer that is not one of the server's own JSON refusals (a proxy's 502...)."""

    def __init__(self, key: str, status: int = 0, retry_after: float | None = None, **params: Any) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(key, None, status=status, **params)


class ServerRefusal(SyncError):
    """The server refused with its own bilingual message; `code` is its stable key."""

    def __init__(self, code: str, message_ar: str, message_en: str, status: int) -> None:
        self.code = code
        self.status = status
        texts = {"ar": message_ar or code, "en": message_en or code}
        super().__init__("sync.server_says", text=lambda lang: texts[lang or i18n.language()])


def normalise_url(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")) or len(url) <= len("https://"):
        raise SyncError("sync.bad_url", url=url)
    return url


class SyncClient:
    """A small client of the server's /v1 API. Use as a context manager (it holds a connection pool)."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_file: str | None = None,
        transport: httpx.BaseTransport | None = None,
        retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = normalise_url(base_url)
        self.token = token
        self.retry_delays = retry_delays
        self._sleep = sleep
        try:
            self._http = httpx.Client(
                base_url=self.base_url,
                timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
                # Plain http (a test, or TLS ended by a proxy on this machine) needs no TLS context,
                # whose making (the CA bundle) costs a no-op round most of its time.
                verify=_ssl_context(ca_file) if self.base_url.startswith("https://") else False,
                transport=transport,
            )
        except (OSError, ValueError) as exc:  # a missing or unreadable CA file (ssl.SSLError is OSError)
            raise SyncError("sync.ca_file", path=str(ca_file), detail=str(exc)) from exc

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self) -> dict[str, Any]:
        return self._request("GET", "/v1/meta")

    def enroll(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /v1/enroll with the laptop's id, name, short code, public key, key id, app version."""
        return self._request("POST", "/v1/enroll", json=body)

    def whoami(self, token: str) -> dict[str, Any]:
        return self._request("GET", "/v1/whoami", headers={"Authorization": f"Bearer {token}"})

    # --- the sync: every call carries the device token ------------------------------------------

    def hello(self, app_version: str, client_schema: int, pending_ops: int, cursor: int) -> dict[str, Any]:
        body = {
            "app_version": app_version,
            "client_schema": client_schema,
            "pending_ops": pending_ops,
            "cursor": cursor,
        }
        return self._retrying("POST", "/v1/hello", json=body)

    def push(self, ops: list[dict[str, Any]]) -> dict[str, Any]:
        """POST /v1/push: `results` (the answers, in the order of `ops`) and `server_epoch`.
        Safe to repeat: ops are idempotent."""
        return self._retrying("POST", "/v1/push", json={"ops": ops})

    def changes(self, since: int, limit: int) -> dict[str, Any]:
        return self._retrying("GET", "/v1/changes", params={"since": since, "limit": limit})

    def rows(self, table: str, ids: list[str]) -> dict[str, Any]:
        return self._retrying("POST", "/v1/rows", json={"table": table, "ids": ids})

    def verify(self) -> dict[str, Any]:
        return self._retrying("GET", "/v1/verify")

    def bucket(self, table: str, number: int) -> list[list[str]]:
        return self._retrying("GET", f"/v1/verify/{table}/{number}")["rows"]

    def users(self) -> list[dict[str, Any]]:
        return self._retrying("GET", "/v1/users")["users"]

    def _retrying(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One call with the token; the server unreachable, a 5xx or a 429 is tried again after a
        growing pause (with jitter), then given up to the caller."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        for attempt, delay in enumerate((*self.retry_delays, None)):
            try:
                return self._request(method, path, headers=headers, **kwargs)
            except (SyncOffline, SyncServerError) as exc:
                # A refused connection is the plain "offline": said after one quick second try.
                if delay is None or (isinstance(exc.__cause__, httpx.ConnectError) and attempt >= 1):
                    raise
                wait = getattr(exc, "retry_after", None) or delay * (0.75 + random.random() / 2)
                self._sleep(min(wait, MAX_RETRY_AFTER_S))
        raise AssertionError("unreachable")

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:  # connect/read errors and timeouts, TLS failures included
            detail = type(exc).__name__ if not str(exc) else str(exc)
            raise SyncOffline("sync.offline", url=self.base_url, detail=detail[:200]) from exc
        body = _json(response)
        if response.is_success and isinstance(body, dict):
            return body
        transient = response.status_code >= 500 or response.status_code == 429
        if isinstance(body, dict) and isinstance(body.get("error"), str) and not transient:
            if response.status_code == 401 and body["error"] == "auth.revoked":
                raise SyncRevoked("sync.revoked")
            raise ServerRefusal(
                body["error"],
                str(body.get("message_ar") or ""),
                str(body.get("message_en") or ""),
                response.status_code,
            )
        raise SyncServerError(
            "sync.server_error",
            status=response.status_code,
            retry_after=_retry_after(response),
            url=self.base_url,
        )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _json(response: httpx.Response) -> Any:
    """The answer's JSON: orjson parses a pull page several times faster than the standard library
    (less of the GIL taken from the desk while a large pull runs); what it refuses (an integer
    past 64 bits) the standard library reads."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        pass
    try:
        return response.json()
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)
def _ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """One TLS context per CA file for the process: httpx makes one per client otherwise, loading
    the CA bundle each time (~27 ms of CPU, most of a no-op round over https)."""
    import certifi

    return ssl.create_default_context(cafile=ca_file or certifi.where())
