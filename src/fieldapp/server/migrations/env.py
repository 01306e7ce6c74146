"""Alembic environment of the server: always run with a connection handed in by server.migrate."""

from alembic import context

from fieldapp.server.migrate import VERSION_TABLE
from fieldapp.server.models import ServerBase

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
