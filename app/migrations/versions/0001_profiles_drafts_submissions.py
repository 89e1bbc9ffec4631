"""Profiles, drafts, submissions and per-challenge state (hints revealed, gave up).

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "drafts",
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("challenge_id", sa.String(64), primary_key=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("challenge_id", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(32)),
        sa.Column("score", sa.Float),
        sa.Column("report", sa.JSON),
        sa.Column("worker", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_submissions_profile_challenge", "submissions", ["profile_id", "challenge_id", "id"])
    op.create_index("ix_submissions_status", "submissions", ["status"])
    # Per profile: importing one export into two profiles of the same server keeps both copies.
    op.create_index("ux_submissions_profile_public_id", "submissions", ["profile_id", "public_id"], unique=True)
    op.create_table(
        "challenge_states",
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("challenge_id", sa.String(64), primary_key=True),
        sa.Column("hints_revealed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("gave_up_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("challenge_states")
    op.drop_index("ux_submissions_profile_public_id", "submissions")
    op.drop_index("ix_submissions_status", "submissions")
    op.drop_index("ix_submissions_profile_challenge", "submissions")
    op.drop_table("submissions")
    op.drop_table("drafts")
    op.drop_table("profiles")
