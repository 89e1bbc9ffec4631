"""Interviewer accounts: accounts, their server-side login sessions, scorecard templates, and session owners.

`interview_sessions.owner_id` is nullable: sessions made before accounts, or anonymously, have no
owner. It has no foreign key (see below); the store's account deletion, if it comes, must clear it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "account_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_account_sessions_account_id", "account_sessions", ["account_id"])
    op.create_table(
        "scorecard_templates",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("criteria", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_scorecard_templates_account_id", "scorecard_templates", ["account_id"])
    # A plain column, no foreign key: SQLite can then add and drop it in place (a batch copy of the
    # table would, with foreign keys on, delete every event and attempt of every session on the way).
    op.add_column("interview_sessions", sa.Column("owner_id", sa.Integer))
    op.create_index("ix_interview_sessions_owner_id", "interview_sessions", ["owner_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_interview_sessions_owner_id", "interview_sessions")
    op.drop_column("interview_sessions", "owner_id")
    op.drop_index("ix_scorecard_templates_account_id", "scorecard_templates")
    op.drop_table("scorecard_templates")
    op.drop_index("ix_account_sessions_account_id", "account_sessions")
    op.drop_table("account_sessions")
    op.drop_table("accounts")
