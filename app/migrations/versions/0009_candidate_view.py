"""What the candidate sees after a submit, chosen per session: the tests only, or the tests and the rubric.

Sessions made before this column keep what they showed then minus the fix advice: "tests_and_rubric".
New sessions default to "tests" in the API (the stricter choice); the column's default is only for old rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy (see 0004): a batch would drop and recreate interview_sessions.
def upgrade() -> None:
    op.add_column("interview_sessions", sa.Column("candidate_sees", sa.String(16), nullable=False,
                                                  server_default="tests_and_rubric"))


def downgrade() -> None:
    op.drop_column("interview_sessions", "candidate_sees")
