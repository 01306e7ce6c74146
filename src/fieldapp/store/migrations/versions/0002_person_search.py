"""person search index (FTS5 over folded name tokens)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 11:30:00

Creates ``person_search`` (FTS5) and ``person_search_doc`` (stable FTS rowid per person) and
BACKFILLS them from the people already on the roster. The backfill imports application code
(``fieldapp.core.text.name_tokens`` through ``fieldapp.store.search_index``) at migration time:
the tokens must be exactly what the running app indexes, so this migration follows that code
rather than freezing a copy of it. If name_tokens() changes later, add a migration that calls
``search_index.rebuild()`` again.
"""

from alembic import op

from fieldapp.store import search_index  # application code, see the docstring

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in search_index.CREATE_STATEMENTS:
        op.execute(statement)
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    for statement in search_index.DROP_STATEMENTS:
        op.execute(statement)
