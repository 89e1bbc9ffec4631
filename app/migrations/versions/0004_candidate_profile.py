"""The practice profile a session's candidate browses with, so practice cannot lift a session's rules.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy: on SQLite a batch drops and recreates the table, and with
# foreign keys on, dropping interview_sessions would cascade to every session's events and attempts.
def upgrade() -> None:
    op.add_column("interview_sessions", sa.Column("candidate_profile_hash", sa.String(64)))
    op.create_index("ix_interview_sessions_candidate_profile", "interview_sessions", ["candidate_profile_hash"])


def downgrade() -> None:
    op.drop_index("ix_interview_sessions_candidate_profile", table_name="interview_sessions")
    op.drop_column("interview_sessions", "candidate_profile_hash")
