"""Run the API under uvicorn: one process, or several workers through an import string."""

from __future__ import annotations

import logging
import os
import sys

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
    import uvicorn

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
        uvicorn.run("fieldapp.server.app:app_from_env", factory=True, workers=workers, **options)
    else:
        from fieldapp.server.app import create_app

        uvicorn.run(create_app(url), **options)
    return 0
