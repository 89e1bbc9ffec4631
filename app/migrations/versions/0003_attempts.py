"""One attempts table for practice submissions and interview runs, moving every row of both.

Practice submissions keep their ids (they are in /api/submissions/{id} links); interview runs get
the ids after them, and the session events that named a run (`run_id`) name its attempt instead
(`attempt_id`), so a session's stream and report still find every run.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_RUN_EVENT_KINDS = ("grading", "graded", "run", "submit")
_COMMON = ("challenge_id", "mode", "status", "code", "verdict", "score", "report", "worker", "created_at",
           "finished_at")


def _graded_columns() -> list[sa.Column[Any]]:
    return [
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
    ]


def _attempt_columns() -> list[Any]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE")),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE")),
        sa.Column("is_automatic", sa.Boolean, nullable=False, server_default=sa.false()),
        *_graded_columns(),
        sa.CheckConstraint("(profile_id IS NULL) <> (session_id IS NULL)", name="ck_attempts_one_owner"),
    ]


def _submission_columns() -> list[Any]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
        *_graded_columns(),
    ]


def _run_columns() -> list[Any]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("is_automatic", sa.Boolean, nullable=False),
        *_graded_columns(),
    ]


def _plain(columns: list[Any]) -> list[Any]:
    """The same columns without foreign keys or checks, to read and write rows of a table that exists."""
    return [sa.Column(c.name, c.type, primary_key=c.primary_key) for c in columns if isinstance(c, sa.Column)]


_events = sa.table("interview_events", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                   sa.column("payload", sa.JSON))


def _rename_run_key(conn: sa.Connection, old: str, new: str, ids: dict[int, int]) -> None:
    """Point the events that named a run at its new id under the new key."""
    rows = conn.execute(sa.select(_events.c.id, _events.c.payload).where(_events.c.kind.in_(_RUN_EVENT_KINDS)))
    for row in rows.all():
        payload = dict(row.payload or {})
        if old in payload and payload[old] in ids:
            payload[new] = ids[payload.pop(old)]
            conn.execute(sa.update(_events).where(_events.c.id == row.id).values(payload=payload))


def upgrade() -> None:
    attempts = op.create_table("attempts", *_attempt_columns())
    op.create_index("ix_attempts_profile_challenge", "attempts", ["profile_id", "challenge_id", "id"])
    op.create_index("ix_attempts_session", "attempts", ["session_id", "id"])
    op.create_index("ix_attempts_status", "attempts", ["status"])
    op.create_index("ux_attempts_profile_public_id", "attempts", ["profile_id", "public_id"], unique=True)
    conn = op.get_bind()
    submissions = sa.Table("submissions", sa.MetaData(), *_plain(_submission_columns()))
    runs = sa.Table("interview_runs", sa.MetaData(), *_plain(_run_columns()))
    moved = [dict(row._mapping) | {"session_id": None, "is_automatic": False}
             for row in conn.execute(sa.select(submissions).order_by(submissions.c.id))]
    if moved:
        conn.execute(sa.insert(attempts), moved)
    offset = max((row["id"] for row in moved), default=0)
    new_ids: dict[int, int] = {}
    for row in conn.execute(sa.select(runs).order_by(runs.c.id)).all():
        new_ids[row.id] = offset + len(new_ids) + 1
        conn.execute(sa.insert(attempts).values(
            id=new_ids[row.id], public_id=uuid.uuid4().hex, profile_id=None, session_id=row.session_id,
            is_automatic=bool(row.is_automatic), **{name: getattr(row, name) for name in _COMMON}))
    _rename_run_key(conn, "run_id", "attempt_id", new_ids)
    op.drop_index("ix_interview_runs_session_id", "interview_runs")
    op.drop_table("interview_runs")
    op.drop_index("ix_submissions_profile_challenge", "submissions")
    op.drop_index("ix_submissions_status", "submissions")
    op.drop_index("ux_submissions_profile_public_id", "submissions")
    op.drop_table("submissions")


def downgrade() -> None:
    conn = op.get_bind()
    attempts = sa.Table("attempts", sa.MetaData(), *_plain(_attempt_columns()))
    submissions = op.create_table("submissions", *_submission_columns())
    runs = op.create_table("interview_runs", *_run_columns())
    op.create_index("ix_submissions_profile_challenge", "submissions", ["profile_id", "challenge_id", "id"])
    op.create_index("ix_submissions_status", "submissions", ["status"])
    op.create_index("ux_submissions_profile_public_id", "submissions", ["profile_id", "public_id"], unique=True)
    op.create_index("ix_interview_runs_session_id", "interview_runs", ["session_id", "id"])
    run_ids: dict[int, int] = {}
    for row in conn.execute(sa.select(attempts).order_by(attempts.c.id)).all():
        common = {name: getattr(row, name) for name in _COMMON}
        if row.profile_id is not None:
            conn.execute(sa.insert(submissions).values(id=row.id, public_id=row.public_id,
                                                       profile_id=row.profile_id, **common))
        else:
            run_ids[row.id] = len(run_ids) + 1
            conn.execute(sa.insert(runs).values(id=run_ids[row.id], session_id=row.session_id,
                                                is_automatic=row.is_automatic, **common))
    _rename_run_key(conn, "attempt_id", "run_id", run_ids)
    for index in ("ix_attempts_profile_challenge", "ix_attempts_session", "ix_attempts_status",
                  "ux_attempts_profile_public_id"):
        op.drop_index(index, "attempts")
    op.drop_table("attempts")
