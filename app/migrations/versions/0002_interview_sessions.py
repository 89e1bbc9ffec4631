"""Timed mock-interview sessions: the session (clock, tokens' hashes, notes, scorecard), its events, its runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interview_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("candidate_token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("interviewer_token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("candidate_name", sa.String(100)),
        sa.Column("challenges", sa.JSON, nullable=False),
        sa.Column("duration_seconds", sa.Float, nullable=False),
        sa.Column("extension_seconds", sa.Float, nullable=False, server_default="0"),
        sa.Column("hints_allowed", sa.Boolean, nullable=False),
        sa.Column("candidate_may_start", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("deadline", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("end_reason", sa.String(16)),
        sa.Column("final_submit_state", sa.String(16)),
        sa.Column("final_submit_claimed_at", sa.DateTime(timezone=True)),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("scorecard", sa.JSON),
    )
    op.create_index("ix_interview_sessions_status_deadline", "interview_sessions", ["status", "deadline"])
    op.create_table(
        "interview_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("challenge_id", sa.String(64)),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_interview_events_session_id", "interview_events", ["session_id", "id"])
    op.create_table(
        "interview_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("challenge_id", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("is_automatic", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(32)),
        sa.Column("score", sa.Float),
        sa.Column("report", sa.JSON),
        sa.Column("worker", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_interview_runs_session_id", "interview_runs", ["session_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_interview_runs_session_id", "interview_runs")
    op.drop_table("interview_runs")
    op.drop_index("ix_interview_events_session_id", "interview_events")
    op.drop_table("interview_events")
    op.drop_index("ix_interview_sessions_status_deadline", "interview_sessions")
    op.drop_table("interview_sessions")
