"""the admin pages: browser sessions and their audit trail

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("token_hash", sa.String(length=64), primary_key=True),
        sa.Column("org_id", sa.String(length=36), sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("user_id", sa.String(length=36), sa.ForeignKey("central_user.id"), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_web_session_org_id", "web_session", ["org_id"])
    op.create_index("ix_web_session_user_id", "web_session", ["user_id"])
    op.create_table(
        "web_audit",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("org_id", sa.String(length=36), sa.ForeignKey("organisation.id"), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("client_ip", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_web_audit_at", "web_audit", ["at"])
    op.create_index("ix_web_audit_org_id", "web_audit", ["org_id"])


def downgrade() -> None:
    op.drop_table("web_audit")
    op.drop_table("web_session")
