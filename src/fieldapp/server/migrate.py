"""The server's Alembic migrations, applied at the start of `fieldapp server` and `server-admin`.

Its own script directory (server/migrations) and its own version table, `server_alembic_version`,
so a server database is never mistaken for a laptop's (whose table is `alembic_version`), nor the
reverse. A database at a revision this program does not know was written by a newer version: it
is refused, never touched. (PostgreSQL is backed up with pg_dump by its operators; the embedded
SQLite server has `server-admin backup`.)
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from fieldapp.core import i18n
from fieldapp.server.errors import ServerError

i18n.register(
    {
        "server.db_newer": (
            "قاعدة بيانات الخادم كُتبت بإصدار أحدث من البرنامج (المراجعة {revision}). حدِّث البرنامج؛ لم يُغيَّر شيء فيها.",
            "The server database was written by a newer version of the app (revision {revision}). "
            "Update the app; the database was not touched.",
        ),
        "server.db_is_laptop": (
            "هذه قاعدة بيانات حاسوب ميداني وليست قاعدة بيانات الخادم؛ لم يُغيَّر شيء فيها.",
            "This is a laptop's database, not a server database; it was not touched.",
        ),
    }
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "server_alembic_version"


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the head revision; refuse a newer or a laptop database untouched."""
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current is None and "alembic_version" in inspect(engine).get_table_names():
        raise ServerError("server.db_is_laptop")
    if current is not None:
        if current not in {rev.revision for rev in script.walk_revisions()}:
            raise ServerError("server.db_newer", revision=current)
        if current == script.get_current_head():
            return
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
