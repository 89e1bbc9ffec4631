"""Every SQL statement of the app; each function takes a connection and runs in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

metadata = sa.MetaData()

# These mirror the migrations in app/migrations/versions; a test checks they agree.
profiles = sa.Table(
    "profiles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
drafts = sa.Table(
    "drafts", metadata,
    sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("challenge_id", sa.String(64), primary_key=True),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
submissions = sa.Table(
    "submissions", metadata,
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
    sa.Index("ix_submissions_profile_challenge", "profile_id", "challenge_id", "id"),
    sa.Index("ix_submissions_status", "status"),
    sa.Index("ux_submissions_profile_public_id", "profile_id", "public_id", unique=True),
)
challenge_states = sa.Table(
    "challenge_states", metadata,
    sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("challenge_id", sa.String(64), primary_key=True),
    sa.Column("hints_revealed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("gave_up_at", sa.DateTime(timezone=True)),
)

GRADING, GRADED, INTERRUPTED = "grading", "graded", "interrupted"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored here is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Draft:
    challenge_id: str
    code: str
    updated_at: datetime


@dataclass(frozen=True)
class Submission:
    id: int
    public_id: str
    profile_id: int
    challenge_id: str
    mode: str
    status: str
    code: str
    verdict: str | None
    score: float | None
    report: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None

    @property
    def is_accepted(self) -> bool:
        return self.status == GRADED and self.verdict == "accepted"


@dataclass(frozen=True)
class ChallengeState:
    challenge_id: str
    hints_revealed: int
    gave_up_at: datetime | None


@dataclass(frozen=True)
class ChallengeProgress:
    """One challenge's summary for one profile: attempts, whether a submit was accepted, best score."""

    challenge_id: str
    attempts: int
    is_solved: bool
    best_score: float | None


# Profiles

def find_profile(conn: Connection, *, token_hash: str) -> int | None:
    return conn.execute(sa.select(profiles.c.id).where(profiles.c.token_hash == token_hash)).scalar_one_or_none()


def ensure_profile(conn: Connection, *, token_hash: str) -> int:
    """The profile's id, creating the row on first use (profiles are made by the first write)."""
    existing = find_profile(conn, token_hash=token_hash)
    if existing is not None:
        return existing
    result = conn.execute(sa.insert(profiles).values(token_hash=token_hash, created_at=utcnow()))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


# Drafts

def save_draft(conn: Connection, *, profile_id: int, challenge_id: str, code: str,
               updated_at: datetime | None = None) -> datetime:
    when = updated_at or utcnow()
    updated = conn.execute(
        sa.update(drafts)
        .where(drafts.c.profile_id == profile_id, drafts.c.challenge_id == challenge_id)
        .values(code=code, updated_at=when)
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(drafts).values(profile_id=profile_id, challenge_id=challenge_id, code=code,
                                              updated_at=when))
    return when


def get_draft(conn: Connection, *, profile_id: int, challenge_id: str) -> Draft | None:
    row = conn.execute(
        sa.select(drafts.c.challenge_id, drafts.c.code, drafts.c.updated_at)
        .where(drafts.c.profile_id == profile_id, drafts.c.challenge_id == challenge_id)
    ).one_or_none()
    return Draft(row.challenge_id, row.code, _aware(row.updated_at)) if row else None  # type: ignore[arg-type]


def list_drafts(conn: Connection, *, profile_id: int) -> list[Draft]:
    rows = conn.execute(
        sa.select(drafts.c.challenge_id, drafts.c.code, drafts.c.updated_at)
        .where(drafts.c.profile_id == profile_id).order_by(drafts.c.challenge_id)
    )
    return [Draft(r.challenge_id, r.code, _aware(r.updated_at)) for r in rows]  # type: ignore[arg-type]


# Submissions (runs too: mode "run" or "submit")

def _submission(row: sa.Row[Any]) -> Submission:
    return Submission(
        id=row.id, public_id=row.public_id, profile_id=row.profile_id, challenge_id=row.challenge_id,
        mode=row.mode, status=row.status, code=row.code, verdict=row.verdict, score=row.score,
        report=row.report, created_at=_aware(row.created_at),  # type: ignore[arg-type]
        finished_at=_aware(row.finished_at),
    )


def start_submission(conn: Connection, *, public_id: str, profile_id: int, challenge_id: str, mode: str,
                     code: str, worker: str) -> int:
    """Store the code as 'grading' before the sandbox runs it, so a crash leaves a trace."""
    result = conn.execute(sa.insert(submissions).values(
        public_id=public_id, profile_id=profile_id, challenge_id=challenge_id, mode=mode, status=GRADING,
        code=code, worker=worker, created_at=utcnow(),
    ))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def finish_submission(conn: Connection, *, submission_id: int, verdict: str, score: float | None,
                      report: dict[str, Any]) -> None:
    conn.execute(
        sa.update(submissions).where(submissions.c.id == submission_id)
        .values(status=GRADED, verdict=verdict, score=score, report=report, finished_at=utcnow())
    )


def delete_submission(conn: Connection, *, submission_id: int) -> None:
    conn.execute(sa.delete(submissions).where(submissions.c.id == submission_id))


def get_submission(conn: Connection, *, submission_id: int) -> Submission | None:
    row = conn.execute(sa.select(submissions).where(submissions.c.id == submission_id)).one_or_none()
    return _submission(row) if row else None


def list_submissions(conn: Connection, *, profile_id: int, challenge_id: str | None = None,
                     mode: str | None = None, limit: int | None = None) -> list[Submission]:
    query = sa.select(submissions).where(submissions.c.profile_id == profile_id)
    if challenge_id is not None:
        query = query.where(submissions.c.challenge_id == challenge_id)
    if mode is not None:
        query = query.where(submissions.c.mode == mode)
    query = query.order_by(submissions.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_submission(row) for row in conn.execute(query)]


def import_submission(conn: Connection, *, profile_id: int, submission: Submission) -> bool:
    """Insert an exported submission unless one with its public id exists; True when inserted."""
    exists = conn.execute(
        sa.select(submissions.c.id)
        .where(submissions.c.profile_id == profile_id, submissions.c.public_id == submission.public_id)
    ).first()
    if exists:
        return False
    conn.execute(sa.insert(submissions).values(
        public_id=submission.public_id, profile_id=profile_id, challenge_id=submission.challenge_id,
        mode=submission.mode, status=submission.status, code=submission.code, verdict=submission.verdict,
        score=submission.score, report=submission.report, created_at=submission.created_at,
        finished_at=submission.finished_at, worker=None,
    ))
    return True


def interrupt_gradings(conn: Connection, *, is_abandoned: Callable[[str | None, datetime], bool]) -> int:
    """Mark 'grading' rows whose server process is gone as interrupted; returns how many."""
    rows = conn.execute(
        sa.select(submissions.c.id, submissions.c.worker, submissions.c.created_at)
        .where(submissions.c.status == GRADING)
    ).all()
    abandoned = [row.id for row in rows if is_abandoned(row.worker, _aware(row.created_at))]  # type: ignore[arg-type]
    if abandoned:
        conn.execute(
            sa.update(submissions).where(submissions.c.id.in_(abandoned))
            .values(status=INTERRUPTED, finished_at=utcnow())
        )
    return len(abandoned)


def progress_by_challenge(conn: Connection, *, profile_id: int) -> dict[str, ChallengeProgress]:
    is_accepted = sa.and_(submissions.c.mode == "submit", submissions.c.status == GRADED,
                          submissions.c.verdict == "accepted")
    query = (
        sa.select(
            submissions.c.challenge_id,
            sa.func.count().label("attempts"),
            sa.func.max(sa.case((is_accepted, 1), else_=0)).label("solved"),
            sa.func.max(sa.case((submissions.c.mode == "submit", submissions.c.score), else_=None)).label("best"),
        )
        .where(submissions.c.profile_id == profile_id)
        .group_by(submissions.c.challenge_id)
    )
    return {
        row.challenge_id: ChallengeProgress(row.challenge_id, int(row.attempts), bool(row.solved), row.best)
        for row in conn.execute(query)
    }


# Per-challenge state: hints revealed, gave up

def get_state(conn: Connection, *, profile_id: int, challenge_id: str) -> ChallengeState:
    row = conn.execute(
        sa.select(challenge_states.c.hints_revealed, challenge_states.c.gave_up_at)
        .where(challenge_states.c.profile_id == profile_id, challenge_states.c.challenge_id == challenge_id)
    ).one_or_none()
    if row is None:
        return ChallengeState(challenge_id, 0, None)
    return ChallengeState(challenge_id, row.hints_revealed, _aware(row.gave_up_at))


def list_states(conn: Connection, *, profile_id: int) -> list[ChallengeState]:
    rows = conn.execute(
        sa.select(challenge_states).where(challenge_states.c.profile_id == profile_id)
        .order_by(challenge_states.c.challenge_id)
    )
    return [ChallengeState(r.challenge_id, r.hints_revealed, _aware(r.gave_up_at)) for r in rows]


def save_state(conn: Connection, *, profile_id: int, state: ChallengeState) -> None:
    values = {"hints_revealed": state.hints_revealed, "gave_up_at": state.gave_up_at}
    updated = conn.execute(
        sa.update(challenge_states)
        .where(challenge_states.c.profile_id == profile_id, challenge_states.c.challenge_id == state.challenge_id)
        .values(**values)
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(challenge_states).values(profile_id=profile_id, challenge_id=state.challenge_id,
                                                        **values))


def ping(conn: Connection) -> None:
    conn.execute(sa.text("SELECT 1"))


def has_accepted_submit(conn: Connection, *, profile_id: int, challenge_id: str) -> bool:
    return conn.execute(
        sa.select(submissions.c.id).where(
            submissions.c.profile_id == profile_id, submissions.c.challenge_id == challenge_id,
            submissions.c.mode == "submit", submissions.c.status == GRADED, submissions.c.verdict == "accepted",
        ).limit(1)
    ).first() is not None


def count_by_status(conn: Connection) -> dict[str, int]:
    rows = conn.execute(
        sa.select(submissions.c.status, sa.func.count().label("rows")).group_by(submissions.c.status)
    ).all()
    return {row.status: int(row.rows) for row in rows}
