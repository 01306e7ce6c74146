"""sync state (this laptop's enrolment with the central server)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00

Creates the local-only ``sync_state`` table (one row once the laptop is enrolled). Nothing else
in the schema changes; the downgrade drops it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=300), nullable=False),
        sa.Column("org_id", sa.String(length=36), nullable=False),
        sa.Column("org_code", sa.String(length=8), nullable=False),
        sa.Column("org_name", sa.String(length=200), nullable=False),
        sa.Column("device_short_code", sa.String(length=8), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("server_epoch", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=100), nullable=False),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("ca_file", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
