"""Pair programming (issue 17): the shared documents' update log, their server copies, presence, the toggle.

`collab_updates` is the ordered log of each (session, challenge) document: one row per CodeMirror
update with its ChangeSet JSON, the editor's clientID, the author's role and the server's time.
UNIQUE (session, challenge, version) makes a push atomic across workers and hosts: of two pushes
at the same version only one can insert its rows. `collab_documents` is the text after the last
update (what run, submit and the report use); `collab_presence` is each role's cursor and last
heartbeat; `collab_settings` holds whether the interviewer may type (no row: yes).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collab_updates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("challenge_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "challenge_id", "version", name="uq_collab_updates_version"),
    )
    op.create_index("ix_collab_updates_author_time", "collab_updates", ["session_id", "author", "created_at"])
    op.create_table(
        "collab_documents",
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("challenge_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("first_edit_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "collab_presence",
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("challenge_id", sa.String(64)),
        sa.Column("ranges", sa.JSON, nullable=False),
        sa.Column("is_visible", sa.Boolean, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "collab_settings",
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("interviewer_may_type", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("collab_settings")
    op.drop_table("collab_presence")
    op.drop_table("collab_documents")
    op.drop_index("ix_collab_updates_author_time", table_name="collab_updates")
    op.drop_table("collab_updates")
