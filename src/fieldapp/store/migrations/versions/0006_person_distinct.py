"""person_distinct: a synced fact, "these two are different people" (a supervisor's review)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 13:40:00

The server flags two people who share a mobile under two names as possible duplicates. Marking
them as different on one laptop's review screen was kept on that laptop only; as a fact it
settles the flag on every laptop and in the server's counts.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_distinct",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("first_id", sa.String(length=36), nullable=False),
        sa.Column("second_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_distinct_first_id", "person_distinct", ["first_id"])
    op.create_index("ix_person_distinct_second_id", "person_distinct", ["second_id"])


def downgrade() -> None:
    op.drop_index("ix_person_distinct_second_id", table_name="person_distinct")
    op.drop_index("ix_person_distinct_first_id", table_name="person_distinct")
    op.drop_table("person_distinct")
