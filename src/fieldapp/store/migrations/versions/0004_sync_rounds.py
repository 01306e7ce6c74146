"""sync rounds: conflicts from the server, central accounts, person merges, last round

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 08:00:00

- ``conflict.remote_id``: a conflict the server recorded (its id there), so a pulled conflict is
  kept once;
- ``app_user.central``: an account managed on the central server (its hash and role come with
  every sync; a disabled one is refused here after the next sync);
- ``person_merge``: a synced fact, "this person is that one" (the server merged two walk-ins of
  one person);
- ``sync_state.last_round`` and ``last_verified_at``: what the last sync moved and proved.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conflict") as batch:
        batch.add_column(sa.Column("remote_id", sa.String(length=36), nullable=True))
        batch.create_index("ix_conflict_remote_id", ["remote_id"], unique=True)
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("central", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("last_round", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("last_verified_at", sa.DateTime(), nullable=True))
    op.create_table(
        "person_merge",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_hlc", sa.String(length=64), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("loser_id", sa.String(length=36), nullable=False),
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_merge_loser_id", "person_merge", ["loser_id"])


def downgrade() -> None:
    op.drop_index("ix_person_merge_loser_id", table_name="person_merge")
    op.drop_table("person_merge")
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("last_verified_at")
        batch.drop_column("last_round")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("central")
    with op.batch_alter_table("conflict") as batch:
        batch.drop_index("ix_conflict_remote_id")
        batch.drop_column("remote_id")
