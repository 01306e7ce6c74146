"""sync_row.field_seen: per field, the stamp of the value its current value's writer had seen

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 15:10:00

After a server restore, a value the restore lost can come back only in another laptop's whole-row
re-send. When it is older than the field's value now, it lost unseen (a conflict) only if the
current value's writer had not seen it; this column remembers what that writer saw. NULL (rows
written before): the re-sent value counts as settled, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_row") as batch:
        batch.add_column(sa.Column("field_seen", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_row") as batch:
        batch.drop_column("field_seen")
