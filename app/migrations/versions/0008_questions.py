"""Authors' own questions: a draft (every file of a challenge folder) and what the sandbox derived from it.

Deleting a question only marks it deleted (`deleted_at`): sessions that used it keep grading and
reporting with it. `revision` grows on every update, so caches of derived inputs never outlive a change.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("draft", sa.JSON, nullable=False),
        sa.Column("validation", sa.JSON, nullable=False),
        sa.Column("cases", sa.LargeBinary, nullable=False),
        sa.Column("expected", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_questions_account_id", "questions", ["account_id", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_questions_account_id", "questions")
    op.drop_table("questions")
