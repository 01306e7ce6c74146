"""Run the API under uvicorn: one process, or several workers through an import string."""

from __future__ import annotations

import logging
import os
import socket
import sys

import uvicorn
from sqlalchemy.engine import make_url

from fieldapp.core import i18n
from fieldapp.server.db import ENV_DB

i18n.register(
    {
        "server.listening": (
            "خادم ميدان يعمل على {url} (قاعدة البيانات: {db})",
            "FieldApp server on {url} (database: {db})",
        ),
    }
)


def configure_logging() -> None:
    """The access log (one JSON object per line) to standard error, once per process."""
    logger = logging.getLogger("fieldapp.server.access")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def serve(url: str, host: str, port: int, workers: int, tls_cert: str | None, tls_key: str | None) -> int:
    scheme = "https" if tls_cert else "http"
    shown_host = f"[{host}]" if ":" in host else host
    shown_db = make_url(url).render_as_string(hide_password=True)
    print(i18n.msg("server.listening", url=f"{scheme}://{shown_host}:{port}", db=shown_db), flush=True)
    configure_logging()
    options = {
        "host": host,
        "port": port,
        "ssl_certfile": tls_cert,
        "ssl_keyfile": tls_key,
        "access_log": False,  # our middleware writes one JSON line per request
        "log_level": "warning",
        "timeout_graceful_shutdown": 10,
    }
    if workers > 1:
        os.environ[ENV_DB] = url  # the workers are new processes: they read the URL from here
        from uvicorn.supervisors import Multiprocess

        config = _TcpConfig("fieldapp.server.app:app_from_env", factory=True, workers=workers, **options)
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        from fieldapp.server.app import create_app

        uvicorn.run(create_app(url), **options)
    return 0


class _TcpConfig(uvicorn.Config):
    """uvicorn binds the workers' listening socket with proto 0, so asyncio leaves Nagle on in each
    worker and every keep-alive request waits ~40 ms for a delayed ACK (uvicorn issue #3149)."""

    def bind_socket(self) -> socket.socket:
        family = socket.AF_INET6 if self.host and ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.set_inheritable(True)
        return sock
