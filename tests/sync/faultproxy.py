"""A fault-injecting HTTP proxy on 127.0.0.1, between the laptops and a real `fieldapp server`.

Per request, a seeded RNG picks one fault by the configured rates (the rest are forwarded as
they are):

- drop_request: the connection is closed, nothing is forwarded (the laptop sees a network error);
- lost_ack: forwarded, the server commits and answers, the answer is thrown away;
- duplicate: delivered twice at once (two concurrent upstream requests), answered once;
- delay / delay_answer: a pause before forwarding / before answering (widens the window in which
  a SIGKILL of the laptop lands after the server committed);
- error_503 / error_429: answered at once with `Retry-After: 0`, nothing forwarded.

`heal()` switches every fault off. With the server down the proxy answers 502, as a reverse proxy
would. The seed fixes the sequence of choices; which request meets which choice depends on timing.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ("drop_request", "lost_ack", "duplicate", "delay", "delay_answer", "error_503", "error_429")
UPSTREAM_TIMEOUT_S = 60.0
_PASSED_HEADERS = ("content-type", "retry-after", "x-request-id", "www-authenticate")


@dataclass
class Upstream:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class FaultRates:
    """The probability of each fault per request (their sum stays below 1)."""

    rates: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.rates) - set(FAULTS)
        if unknown or sum(self.rates.values()) >= 1:
            raise ValueError(f"bad fault rates {self.rates}")

    @classmethod
    def chaos(cls, level: float = 1.0) -> FaultRates:
        base = {
            "drop_request": 0.04,
            "lost_ack": 0.05,
            "duplicate": 0.05,
            "delay": 0.06,
            "delay_answer": 0.05,
            "error_503": 0.03,
            "error_429": 0.03,
        }
        return cls({k: v * level for k, v in base.items()})


class FaultProxy:
    """Start with `start()`; `url` is what laptops enrol with. Thread-safe counters in `stats`."""

    def __init__(self, upstream_port: int, seed: int, rates: FaultRates | None = None) -> None:
        self.upstream_port = upstream_port
        self.rates = rates or FaultRates()
        self.healed = rates is None
        self.stats: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- control -------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="faultproxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def heal(self) -> None:
        with self._lock:
            self.healed = True

    def set_rates(self, rates: FaultRates) -> None:
        with self._lock:
            self.rates, self.healed = rates, False

    # --- per request ---------------------------------------------------------------------------

    def choose(self) -> str:
        with self._lock:
            if self.healed:
                return "pass"
            roll = self._rng.random()
            for name, rate in self.rates.rates.items():
                if roll < rate:
                    return name
                roll -= rate
            return "pass"

    def pause(self) -> float:
        with self._lock:
            return self._rng.uniform(0.05, 0.6)

    def count(self, what: str) -> None:
        with self._lock:
            self.stats[what] += 1

    def forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Upstream:
        """One upstream request; a server that is down (or dies mid-request) is a 502."""
        connection = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=UPSTREAM_TIMEOUT_S)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() in _PASSED_HEADERS]
            self.count(f"upstream_{response.status}")
            return Upstream(response.status, kept, data)
        except (OSError, http.client.HTTPException):
            self.count("upstream_down")
            return Upstream(502, [("Content-Type", "text/plain")], b"bad gateway")
        finally:
            connection.close()


class _Handler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.0"  # one request per connection: a dropped one is simply closed

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        proxy = self.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {
            k: v
            for k, v in self.headers.items()
            if k.lower() in ("authorization", "content-type", "x-request-id")
        }
        fault = proxy.choose()
        proxy.count(fault)
        if fault == "drop_request":
            self._drop()
            return
        if fault in ("error_503", "error_429"):
            status = 503 if fault == "error_503" else 429
            self._answer(Upstream(status, [("Retry-After", "0"), ("Content-Type", "text/plain")], b"busy"))
            return
        if fault == "delay":
            time.sleep(proxy.pause())
        if fault == "duplicate":
            answer = self._twice(self.command, self.path, headers, body)
        else:
            answer = proxy.forward(self.command, self.path, headers, body)
        if fault == "lost_ack":
            self._drop()
            return
        if fault == "delay_answer":
            time.sleep(proxy.pause())
        self._answer(answer)

    def _twice(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Upstream:
        """The same request delivered twice, concurrently; the first to finish is answered."""
        proxy = self.owner
        results: list[Upstream] = []
        done = threading.Event()

        def deliver() -> None:
            results.append(proxy.forward(method, path, headers, body))
            done.set()

        threads = [threading.Thread(target=deliver, daemon=True) for _ in range(2)]
        for thread in threads:
            thread.start()
        done.wait(UPSTREAM_TIMEOUT_S + 5)
        for thread in threads:  # both reach the server before the laptop hears anything
            thread.join(UPSTREAM_TIMEOUT_S + 5)
        return results[0]

    def _answer(self, answer: Upstream) -> None:
        try:
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer.body)
        except OSError:  # the laptop went away (killed): nothing to answer
            pass

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
