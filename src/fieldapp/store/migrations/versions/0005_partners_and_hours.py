"""partners and volunteer records: agreement details, body merges, cumulative hours certificates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 10:30:00

- ``agreement``: the partner's signatory, what each side committed to, a renewal reminder (days
  before the end) and the file name of the signed copy in the data folder;
- ``body_merge``: a synced fact, "this body is that one" (a supervisor merged two bodies);
- ``hours_certificate``: a synced fact, a volunteer's cumulative hours over a period, signed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("agreement") as batch:
        batch.add_column(sa.Column("signatory", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("our_commitments", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("partner_commitments", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("reminder_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("file_name", sa.String(length=200), nullable=True))
    op.create_table(
        "body_merge",
        *_synced_columns(),
        sa.Column("loser_id", sa.String(length=36), nullable=False),
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_body_merge_loser_id", "body_merge", ["loser_id"])
    op.create_table(
        "hours_certificate",
        *_synced_columns(),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.String(length=100), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("serial"),
    )
    op.create_index("ix_hours_certificate_person_id", "hours_certificate", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_hours_certificate_person_id", table_name="hours_certificate")
    op.drop_table("hours_certificate")
    op.drop_index("ix_body_merge_loser_id", table_name="body_merge")
    op.drop_table("body_merge")
    with op.batch_alter_table("agreement") as batch:
        for name in ("file_name", "reminder_days", "partner_commitments", "our_commitments", "signatory"):
            batch.drop_column(name)
