"""sync rows, applied ops, each device's latest HLC and pull cursor

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 07:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_row",
        sa.Column("org_id", sa.String(length=36), sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("row_hash", sa.String(length=32), nullable=False),
        sa.Column("field_hlc", sa.Text(), nullable=False),
        sa.Column("field_version", sa.Text(), nullable=False),
        sa.Column("created_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("created_version", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("national_id", sa.String(length=10), nullable=True),
        sa.Column("mobile", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("org_id", "table_name", "row_id"),
    )
    op.create_index("ix_sync_row_org_version", "sync_row", ["org_id", "version"], unique=True)
    op.create_index("ix_sync_row_org_nid", "sync_row", ["org_id", "national_id"])
    op.create_index("ix_sync_row_org_mobile", "sync_row", ["org_id", "mobile"])
    op.create_table(
        "applied_op",
        sa.Column("org_id", sa.String(length=36), sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("org_id", "op_id"),
    )
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("max_hlc", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("last_cursor", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("device") as batch:
        batch.drop_column("last_cursor")
        batch.drop_column("max_hlc")
    op.drop_table("applied_op")
    op.drop_index("ix_sync_row_org_mobile", table_name="sync_row")
    op.drop_index("ix_sync_row_org_nid", table_name="sync_row")
    op.drop_index("ix_sync_row_org_version", table_name="sync_row")
    op.drop_table("sync_row")
