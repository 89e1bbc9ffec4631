"""Every SQL statement of the app; each function takes a connection and runs in the caller's transaction."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.database import announce

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
challenge_states = sa.Table(
    "challenge_states", metadata,
    sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("challenge_id", sa.String(64), primary_key=True),
    sa.Column("hints_revealed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("gave_up_at", sa.DateTime(timezone=True)),
)

interview_sessions = sa.Table(
    "interview_sessions", metadata,
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
    # The practice profile the candidate's browser uses: while the session is live, practice hints,
    # give-up and the reference for its challenges are refused to that profile when hints are off.
    sa.Column("candidate_profile_hash", sa.String(64)),
    # The account that created it (None: anonymous). No foreign key: see its migration.
    sa.Column("owner_id", sa.Integer),
    # What the candidate sees after a submit: "tests", or "tests_and_rubric" (ratings, never fix advice).
    sa.Column("candidate_sees", sa.String(16), nullable=False, server_default="tests_and_rubric"),
    sa.Index("ix_interview_sessions_status_deadline", "status", "deadline"),
    sa.Index("ix_interview_sessions_candidate_profile", "candidate_profile_hash"),
    sa.Index("ix_interview_sessions_owner_id", "owner_id", "created_at"),
)
server_secrets = sa.Table(
    "server_secrets", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
interview_events = sa.Table(
    "interview_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("challenge_id", sa.String(64)),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_interview_events_session_id", "session_id", "id"),
)
# One graded attempt (a run or a submit) by a practice profile or an interview session's candidate.
attempts = sa.Table(
    "attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("public_id", sa.String(32), nullable=False),
    sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE")),
    sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE")),
    sa.Column("challenge_id", sa.String(64), nullable=False),
    sa.Column("mode", sa.String(8), nullable=False),
    sa.Column("is_automatic", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("verdict", sa.String(32)),
    sa.Column("score", sa.Float),
    sa.Column("report", sa.JSON),
    sa.Column("worker", sa.String(200)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("(profile_id IS NULL) <> (session_id IS NULL)", name="ck_attempts_one_owner"),
    sa.Index("ix_attempts_profile_challenge", "profile_id", "challenge_id", "id"),
    sa.Index("ix_attempts_session", "session_id", "id"),
    sa.Index("ix_attempts_status", "status"),
    sa.Index("ux_attempts_profile_public_id", "profile_id", "public_id", unique=True),
)

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("display_name", sa.String(100), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
)
# A logged-in browser: the hash of its cookie's token, until it expires or logs out.
account_sessions = sa.Table(
    "account_sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_account_sessions_account_id", "account_id"),
)
scorecard_templates = sa.Table(
    "scorecard_templates", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("criteria", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_scorecard_templates_account_id", "account_id"),
)
# An author's own question; deleting one sets deleted_at (sessions that used it keep working).
questions = sa.Table(
    "questions", metadata,
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
    sa.Index("ix_questions_account_id", "account_id", "updated_at"),
)

GRADING, GRADED, INTERRUPTED = "grading", "graded", "interrupted"
WAITING, RUNNING, ENDED = "waiting", "running", "ended"



def attempt_topic(attempt_id: int) -> str:
    """The wake-up topic of an attempt's stored report (see app/wakeups.py)."""
    return f"attempt:{attempt_id}"


def session_topic(session_id: str) -> str:
    """The wake-up topic of a mock interview's events and clock."""
    return f"session:{session_id}"


def collab_topic(session_id: str) -> str:
    """The wake-up topic of a session's shared documents, presence and typing toggle."""
    return f"collab:{session_id}"

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
class Owner:
    """Who an attempt belongs to: a practice profile or an interview session's candidate seat."""

    profile_id: int | None = None
    session_id: str | None = None


@dataclass(frozen=True)
class Attempt:
    """One run or submit of some code, and once graded its verdict, score and report."""

    id: int
    public_id: str
    owner: Owner
    challenge_id: str
    mode: str
    is_automatic: bool
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

    @property
    def is_rated(self) -> bool:
        """Rated only when every test passed: a score of None means "not rated", never zero."""
        return self.status == GRADED and self.score is not None


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
    last_at: datetime | None = None  # the latest run or submit


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


# Attempts (runs and submits, practice and interviews)

def _attempt(row: sa.Row[Any]) -> Attempt:
    return Attempt(
        id=row.id, public_id=row.public_id, owner=Owner(row.profile_id, row.session_id),
        challenge_id=row.challenge_id, mode=row.mode, is_automatic=bool(row.is_automatic), status=row.status,
        code=row.code, verdict=row.verdict, score=row.score, report=row.report,
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        finished_at=_aware(row.finished_at),
    )


def _owned_by(owner: Owner) -> sa.ColumnElement[bool]:
    if owner.profile_id is not None:
        return attempts.c.profile_id == owner.profile_id
    return attempts.c.session_id == owner.session_id


def start_attempt(conn: Connection, *, owner: Owner, challenge_id: str, mode: str, code: str, worker: str,
                  is_automatic: bool = False) -> int:
    """Store the code as 'grading' before the sandbox runs it, so a crash leaves a trace."""
    result = conn.execute(sa.insert(attempts).values(
        public_id=uuid.uuid4().hex, profile_id=owner.profile_id, session_id=owner.session_id,
        challenge_id=challenge_id, mode=mode, is_automatic=is_automatic, status=GRADING, code=code, worker=worker,
        created_at=utcnow(),
    ))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def finish_attempt(conn: Connection, *, attempt_id: int, verdict: str, score: float | None,
                   report: dict[str, Any]) -> bool:
    """Store the report once: False when the attempt was already finished or interrupted.

    With grading on worker hosts, the web host that queued the attempt and any other host's
    result sweep may both hold the result; only the first write counts.
    """
    announce(conn, attempt_topic(attempt_id))
    result = conn.execute(
        sa.update(attempts).where(attempts.c.id == attempt_id, attempts.c.status == GRADING)
        .values(status=GRADED, verdict=verdict, score=score, report=report, finished_at=utcnow())
    )
    return bool(result.rowcount)


def interrupt_attempt(conn: Connection, *, attempt_id: int) -> bool:
    """Give up on one attempt still 'grading' (its job was lost); False when it had finished meanwhile."""
    announce(conn, attempt_topic(attempt_id))
    result = conn.execute(
        sa.update(attempts).where(attempts.c.id == attempt_id, attempts.c.status == GRADING)
        .values(status=INTERRUPTED, finished_at=utcnow())
    )
    return bool(result.rowcount)


def list_queued_attempts(conn: Connection, *, worker_prefix: str) -> list[Attempt]:
    """Attempts still 'grading' that were sent to the workers (their `worker` names the queue)."""
    rows = conn.execute(
        sa.select(attempts).where(attempts.c.status == GRADING, attempts.c.worker.startswith(worker_prefix))
        .order_by(attempts.c.id)
    )
    return [_attempt(row) for row in rows]


def save_partial_report(conn: Connection, *, attempt_id: int, report: dict[str, Any]) -> None:
    """The report so far of an attempt still grading, so any web worker can stream its parts."""
    announce(conn, attempt_topic(attempt_id))
    conn.execute(
        sa.update(attempts).where(attempts.c.id == attempt_id, attempts.c.status == GRADING).values(report=report)
    )


def delete_attempt(conn: Connection, *, attempt_id: int) -> None:
    announce(conn, attempt_topic(attempt_id))
    conn.execute(sa.delete(attempts).where(attempts.c.id == attempt_id))


def get_attempt(conn: Connection, *, attempt_id: int) -> Attempt | None:
    row = conn.execute(sa.select(attempts).where(attempts.c.id == attempt_id)).one_or_none()
    return _attempt(row) if row else None


def list_attempts(conn: Connection, *, owner: Owner, challenge_id: str | None = None, mode: str | None = None,
                  limit: int | None = None, newest_first: bool = True) -> list[Attempt]:
    query = sa.select(attempts).where(_owned_by(owner))
    if challenge_id is not None:
        query = query.where(attempts.c.challenge_id == challenge_id)
    if mode is not None:
        query = query.where(attempts.c.mode == mode)
    query = query.order_by(attempts.c.id.desc() if newest_first else attempts.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [_attempt(row) for row in conn.execute(query)]


def import_attempt(conn: Connection, *, attempt: Attempt) -> bool:
    """Insert an exported practice attempt unless its profile has one with its public id; True when inserted."""
    exists = conn.execute(
        sa.select(attempts.c.id)
        .where(attempts.c.profile_id == attempt.owner.profile_id, attempts.c.public_id == attempt.public_id)
    ).first()
    if exists:
        return False
    conn.execute(sa.insert(attempts).values(
        public_id=attempt.public_id, profile_id=attempt.owner.profile_id, session_id=None,
        challenge_id=attempt.challenge_id, mode=attempt.mode, is_automatic=attempt.is_automatic,
        status=attempt.status, code=attempt.code, verdict=attempt.verdict, score=attempt.score,
        report=attempt.report, created_at=attempt.created_at, finished_at=attempt.finished_at, worker=None,
    ))
    return True


def interrupt_attempts(conn: Connection, *, is_abandoned: Callable[[str | None, datetime], bool]) -> int:
    """Mark 'grading' rows whose server process is gone as interrupted; returns how many."""
    rows = conn.execute(
        sa.select(attempts.c.id, attempts.c.worker, attempts.c.created_at).where(attempts.c.status == GRADING)
    ).all()
    abandoned = [row.id for row in rows if is_abandoned(row.worker, _aware(row.created_at))]  # type: ignore[arg-type]
    if abandoned:
        conn.execute(
            sa.update(attempts).where(attempts.c.id.in_(abandoned)).values(status=INTERRUPTED, finished_at=utcnow())
        )
    return len(abandoned)


def progress_by_challenge(conn: Connection, *, profile_id: int) -> dict[str, ChallengeProgress]:
    """Attempts, solved, and the best score of rated submits only (a null score is "not rated", not zero)."""
    is_submit = attempts.c.mode == "submit"
    is_accepted = sa.and_(is_submit, attempts.c.status == GRADED, attempts.c.verdict == "accepted")
    query = (
        sa.select(
            attempts.c.challenge_id,
            sa.func.count().label("attempts"),
            sa.func.max(sa.case((is_accepted, 1), else_=0)).label("solved"),
            sa.func.max(sa.case((sa.and_(is_submit, attempts.c.score.is_not(None)), attempts.c.score),
                                else_=None)).label("best"),
            sa.func.max(attempts.c.created_at).label("last_at"),
        )
        .where(attempts.c.profile_id == profile_id)
        .group_by(attempts.c.challenge_id)
    )
    return {
        row.challenge_id: ChallengeProgress(row.challenge_id, int(row.attempts), bool(row.solved), row.best,
                                            _aware(row.last_at))
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
        sa.select(attempts.c.id).where(
            attempts.c.profile_id == profile_id, attempts.c.challenge_id == challenge_id,
            attempts.c.mode == "submit", attempts.c.status == GRADED, attempts.c.verdict == "accepted",
        ).limit(1)
    ).first() is not None


# Interview sessions: the session row owns the clock (started_at, deadline, extensions)

@dataclass(frozen=True)
class InterviewSession:
    id: str
    candidate_token_hash: str
    interviewer_token_hash: str
    candidate_name: str | None
    challenges: list[str]
    duration_seconds: float
    extension_seconds: float
    hints_allowed: bool
    candidate_may_start: bool
    status: str
    created_at: datetime
    started_at: datetime | None
    deadline: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    final_submit_state: str | None
    notes: str
    scorecard: dict[str, Any] | None
    owner_id: int | None = None
    candidate_sees: str = "tests"


@dataclass(frozen=True)
class InterviewEvent:
    id: int
    session_id: str
    kind: str
    challenge_id: str | None
    payload: dict[str, Any]
    created_at: datetime


def _interview_session(row: sa.Row[Any]) -> InterviewSession:
    return InterviewSession(
        id=row.id, candidate_token_hash=row.candidate_token_hash, interviewer_token_hash=row.interviewer_token_hash,
        candidate_name=row.candidate_name, challenges=list(row.challenges), duration_seconds=row.duration_seconds,
        extension_seconds=row.extension_seconds, hints_allowed=bool(row.hints_allowed),
        candidate_may_start=bool(row.candidate_may_start), status=row.status,
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        started_at=_aware(row.started_at), deadline=_aware(row.deadline), ended_at=_aware(row.ended_at),
        end_reason=row.end_reason, final_submit_state=row.final_submit_state, notes=row.notes,
        scorecard=row.scorecard, owner_id=row.owner_id, candidate_sees=row.candidate_sees,
    )


def set_candidate_profile(conn: Connection, *, session_id: str, token_hash: str) -> None:
    """Remember which practice profile the candidate's browser uses (a write only when it changes)."""
    conn.execute(sa.update(interview_sessions).where(
        interview_sessions.c.id == session_id,
        sa.or_(interview_sessions.c.candidate_profile_hash.is_(None),
               interview_sessions.c.candidate_profile_hash != token_hash),
    ).values(candidate_profile_hash=token_hash))


def live_sessions_of_candidate(conn: Connection, *, token_hash: str) -> list[InterviewSession]:
    """Sessions not yet ended whose candidate browses with this practice profile."""
    rows = conn.execute(sa.select(interview_sessions).where(
        interview_sessions.c.candidate_profile_hash == token_hash, interview_sessions.c.status != ENDED))
    return [_interview_session(row) for row in rows]


def create_interview(conn: Connection, *, session_id: str, candidate_token_hash: str, interviewer_token_hash: str,
                     candidate_name: str | None, challenges: list[str], duration_seconds: float,
                     hints_allowed: bool, candidate_may_start: bool, owner_id: int | None = None,
                     candidate_sees: str = "tests") -> None:
    conn.execute(sa.insert(interview_sessions).values(owner_id=owner_id, candidate_sees=candidate_sees,
        id=session_id, candidate_token_hash=candidate_token_hash, interviewer_token_hash=interviewer_token_hash,
        candidate_name=candidate_name, challenges=challenges, duration_seconds=duration_seconds,
        extension_seconds=0.0, hints_allowed=hints_allowed, candidate_may_start=candidate_may_start,
        status=WAITING, created_at=utcnow(), notes="",
    ))


def get_interview(conn: Connection, *, session_id: str) -> InterviewSession | None:
    row = conn.execute(sa.select(interview_sessions).where(interview_sessions.c.id == session_id)).one_or_none()
    return _interview_session(row) if row else None


def start_interview(conn: Connection, *, session_id: str, started_at: datetime, deadline: datetime) -> bool:
    """Waiting -> running; False when it was not waiting (someone else started it first)."""
    announce(conn, session_topic(session_id))
    result = conn.execute(
        sa.update(interview_sessions)
        .where(interview_sessions.c.id == session_id, interview_sessions.c.status == WAITING)
        .values(status=RUNNING, started_at=started_at, deadline=deadline)
    )
    return bool(result.rowcount)


def extend_interview(conn: Connection, *, session_id: str, seconds: float) -> None:
    announce(conn, session_topic(session_id))
    conn.execute(
        sa.update(interview_sessions).where(interview_sessions.c.id == session_id)
        .values(extension_seconds=interview_sessions.c.extension_seconds + seconds)
    )
    row = conn.execute(sa.select(interview_sessions.c.deadline).where(interview_sessions.c.id == session_id)).one()
    if row.deadline is not None:
        conn.execute(
            sa.update(interview_sessions).where(interview_sessions.c.id == session_id)
            .values(deadline=_aware(row.deadline) + timedelta(seconds=seconds))  # type: ignore[operator]
        )


def end_interview(conn: Connection, *, session_id: str, reason: str, ended_at: datetime,
                  only_if_due: bool = False) -> bool:
    """Running or waiting -> ended, once; with only_if_due, only a running session past its deadline."""
    announce(conn, session_topic(session_id))
    query = sa.update(interview_sessions).where(interview_sessions.c.id == session_id,
                                                interview_sessions.c.status != ENDED)
    if only_if_due:
        query = query.where(interview_sessions.c.status == RUNNING, interview_sessions.c.deadline <= ended_at)
    result = conn.execute(query.values(status=ENDED, ended_at=ended_at, end_reason=reason,
                                       final_submit_state="pending", final_submit_claimed_at=None))
    return bool(result.rowcount)


def list_due_interviews(conn: Connection, *, now: datetime) -> list[str]:
    """Running sessions whose deadline has passed."""
    rows = conn.execute(
        sa.select(interview_sessions.c.id)
        .where(interview_sessions.c.status == RUNNING, interview_sessions.c.deadline <= now)
    )
    return [row.id for row in rows]


def claim_final_submits(conn: Connection, *, now: datetime, stale_before: datetime) -> list[str]:
    """Ended sessions whose final submits nobody is doing (or whose claimant died): claim them."""
    claimable = sa.and_(
        interview_sessions.c.final_submit_state == "pending",
        sa.or_(interview_sessions.c.final_submit_claimed_at.is_(None),
               interview_sessions.c.final_submit_claimed_at < stale_before),
    )
    # One statement that returns only the rows it changed: on PostgreSQL two hosts may run this at
    # once, and the second one's UPDATE re-checks `claimable` after the first commits (so it gets none).
    claimed = conn.execute(sa.update(interview_sessions).where(claimable).values(final_submit_claimed_at=now)
                           .returning(interview_sessions.c.id))
    return [row.id for row in claimed]


def finish_final_submits(conn: Connection, *, session_id: str) -> None:
    conn.execute(sa.update(interview_sessions).where(interview_sessions.c.id == session_id)
                 .values(final_submit_state="done"))


def save_interview_notes(conn: Connection, *, session_id: str, notes: str) -> None:
    conn.execute(sa.update(interview_sessions).where(interview_sessions.c.id == session_id).values(notes=notes))


def save_interview_scorecard(conn: Connection, *, session_id: str, scorecard: dict[str, Any]) -> None:
    conn.execute(sa.update(interview_sessions).where(interview_sessions.c.id == session_id)
                 .values(scorecard=scorecard))


def add_interview_event(conn: Connection, *, session_id: str, kind: str, challenge_id: str | None = None,
                        payload: dict[str, Any] | None = None, created_at: datetime | None = None) -> int:
    announce(conn, session_topic(session_id))
    result = conn.execute(sa.insert(interview_events).values(
        session_id=session_id, kind=kind, challenge_id=challenge_id, payload=payload or {},
        created_at=created_at or utcnow(),
    ))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_interview_events(conn: Connection, *, session_id: str, after_id: int = 0, kinds: list[str] | None = None,
                          limit: int | None = None) -> list[InterviewEvent]:
    query = sa.select(interview_events).where(interview_events.c.session_id == session_id,
                                              interview_events.c.id > after_id)
    if kinds is not None:
        query = query.where(interview_events.c.kind.in_(kinds))
    query = query.order_by(interview_events.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [InterviewEvent(r.id, r.session_id, r.kind, r.challenge_id, r.payload,
                           _aware(r.created_at)) for r in conn.execute(query)]  # type: ignore[arg-type]


def last_interview_event_id(conn: Connection, *, session_id: str) -> int:
    value = conn.execute(sa.select(sa.func.max(interview_events.c.id))
                         .where(interview_events.c.session_id == session_id)).scalar_one_or_none()
    return int(value or 0)


def latest_snapshots(conn: Connection, *, session_id: str) -> dict[str, InterviewEvent]:
    """The last snapshot of each challenge of the session."""
    last = (sa.select(sa.func.max(interview_events.c.id))
            .where(interview_events.c.session_id == session_id, interview_events.c.kind == "snapshot")
            .group_by(interview_events.c.challenge_id))
    rows = conn.execute(sa.select(interview_events).where(interview_events.c.id.in_(last)))
    return {r.challenge_id: InterviewEvent(r.id, r.session_id, r.kind, r.challenge_id, r.payload,
                                           _aware(r.created_at))  # type: ignore[arg-type]
            for r in rows}


def count_recent_snapshots(conn: Connection, *, session_id: str, since: datetime) -> int:
    return int(conn.execute(
        sa.select(sa.func.count()).select_from(interview_events)
        .where(interview_events.c.session_id == session_id, interview_events.c.kind == "snapshot",
               interview_events.c.created_at >= since)
    ).scalar_one())


# Secrets shared by every web host

def shared_secret(conn: Connection, *, name: str) -> str:
    """The named secret, made on first use; hosts starting at once all end up with the first one made."""
    insert = (sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert)(server_secrets)
    conn.execute(insert.values(name=name, value=secrets.token_urlsafe(48), created_at=utcnow())
                 .on_conflict_do_nothing(index_elements=["name"]))
    return str(conn.execute(sa.select(server_secrets.c.value).where(server_secrets.c.name == name)).scalar_one())


# Pair programming: the shared documents of a session (issue 17)

collab_updates = sa.Table(
    "collab_updates", metadata,
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
    sa.Index("ix_collab_updates_author_time", "session_id", "author", "created_at"),
)
collab_documents = sa.Table(
    "collab_documents", metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("challenge_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("first_edit_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
collab_presence = sa.Table(
    "collab_presence", metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("role", sa.String(16), primary_key=True),
    sa.Column("challenge_id", sa.String(64)),
    sa.Column("ranges", sa.JSON, nullable=False),
    sa.Column("is_visible", sa.Boolean, nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active_at", sa.DateTime(timezone=True), nullable=False),
)
collab_settings = sa.Table(
    "collab_settings", metadata,
    sa.Column("session_id", sa.String(32), sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("interviewer_may_type", sa.Boolean, nullable=False),
)


@dataclass(frozen=True)
class SharedDocument:
    """The server's copy of one shared document: its text after `version` updates."""

    challenge_id: str
    version: int
    text: str
    first_edit_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CollabUpdate:
    """One update of the log; `version` is the document's version once it is applied (1 for the first)."""

    version: int
    challenge_id: str
    changes: Any
    client_id: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class Presence:
    role: str
    challenge_id: str | None
    ranges: list[dict[str, int]]
    is_visible: bool
    seen_at: datetime
    active_at: datetime


class _LostRace(Exception):
    """Another push moved the document first."""


def _document(row: sa.Row[Any]) -> SharedDocument:
    return SharedDocument(row.challenge_id, row.version, row.text, _aware(row.first_edit_at),  # type: ignore[arg-type]
                          _aware(row.updated_at))  # type: ignore[arg-type]


def get_document(conn: Connection, *, session_id: str, challenge_id: str) -> SharedDocument | None:
    row = conn.execute(sa.select(collab_documents).where(collab_documents.c.session_id == session_id,
                                                         collab_documents.c.challenge_id == challenge_id)).first()
    return _document(row) if row is not None else None


def list_documents(conn: Connection, *, session_id: str) -> dict[str, SharedDocument]:
    rows = conn.execute(sa.select(collab_documents).where(collab_documents.c.session_id == session_id))
    return {r.challenge_id: _document(r) for r in rows}


def append_updates(conn: Connection, *, session_id: str, challenge_id: str, from_version: int, text: str,
                   updates: list[tuple[Any, str]], author: str, now: datetime) -> bool:
    """Log updates at from_version+1.. and store the text after them; False if another push got there first.

    Both guards hold across hosts: the document row moves only from `from_version`, and the
    log's UNIQUE (session, challenge, version) refuses a second row at the same version.
    """
    announce(conn, collab_topic(session_id))
    try:
        with conn.begin_nested():  # all or nothing: a lost race leaves the caller's transaction as it was
            if from_version == 0:
                conn.execute(sa.insert(collab_documents).values(
                    session_id=session_id, challenge_id=challenge_id, version=len(updates), text=text,
                    first_edit_at=now, updated_at=now))
            else:
                moved = conn.execute(sa.update(collab_documents).where(
                    collab_documents.c.session_id == session_id, collab_documents.c.challenge_id == challenge_id,
                    collab_documents.c.version == from_version).values(
                    version=from_version + len(updates), text=text, updated_at=now))
                if moved.rowcount != 1:
                    raise _LostRace
            conn.execute(sa.insert(collab_updates), [
                {"session_id": session_id, "challenge_id": challenge_id, "version": from_version + 1 + i,
                 "changes": changes, "client_id": client_id, "author": author, "created_at": now}
                for i, (changes, client_id) in enumerate(updates)])
    except (sa.exc.IntegrityError, _LostRace):
        return False
    return True


def list_updates(conn: Connection, *, session_id: str, challenge_id: str | None = None, after_version: int = 0,
                 limit: int | None = None) -> list[CollabUpdate]:
    query = sa.select(collab_updates).where(collab_updates.c.session_id == session_id)
    if challenge_id is not None:
        query = query.where(collab_updates.c.challenge_id == challenge_id,
                            collab_updates.c.version > after_version).order_by(collab_updates.c.version)
    else:
        query = query.order_by(collab_updates.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [CollabUpdate(r.version, r.challenge_id, r.changes, r.client_id, r.author,
                         _aware(r.created_at)) for r in conn.execute(query)]  # type: ignore[arg-type]


def count_recent_pushes(conn: Connection, *, session_id: str, author: str, since: datetime) -> int:
    """Pushes (all the rows of one push share its time) by one role since a moment."""
    return int(conn.execute(
        sa.select(sa.func.count(sa.distinct(collab_updates.c.created_at)))
        .where(collab_updates.c.session_id == session_id, collab_updates.c.author == author,
               collab_updates.c.created_at >= since)
    ).scalar_one())


def save_presence(conn: Connection, *, session_id: str, presence: Presence) -> None:
    announce(conn, collab_topic(session_id))
    values = {"challenge_id": presence.challenge_id, "ranges": presence.ranges, "is_visible": presence.is_visible,
              "seen_at": presence.seen_at, "active_at": presence.active_at}
    moved = conn.execute(sa.update(collab_presence).where(
        collab_presence.c.session_id == session_id, collab_presence.c.role == presence.role).values(**values))
    if moved.rowcount == 0:
        conn.execute(sa.insert(collab_presence).values(session_id=session_id, role=presence.role, **values))


def list_presence(conn: Connection, *, session_id: str) -> list[Presence]:
    rows = conn.execute(sa.select(collab_presence).where(collab_presence.c.session_id == session_id)
                        .order_by(collab_presence.c.role))
    return [Presence(r.role, r.challenge_id, r.ranges, r.is_visible, _aware(r.seen_at),  # type: ignore[arg-type]
                     _aware(r.active_at)) for r in rows]  # type: ignore[arg-type]


def interviewer_may_type(conn: Connection, *, session_id: str) -> bool:
    value = conn.execute(sa.select(collab_settings.c.interviewer_may_type)
                         .where(collab_settings.c.session_id == session_id)).scalar_one_or_none()
    return True if value is None else bool(value)


def set_interviewer_may_type(conn: Connection, *, session_id: str, allowed: bool) -> None:
    announce(conn, collab_topic(session_id))
    moved = conn.execute(sa.update(collab_settings).where(collab_settings.c.session_id == session_id)
                         .values(interviewer_may_type=allowed))
    if moved.rowcount == 0:
        conn.execute(sa.insert(collab_settings).values(session_id=session_id, interviewer_may_type=allowed))

def list_owned_interviews(conn: Connection, *, owner_id: int) -> list[InterviewSession]:
    """An account's sessions, newest first."""
    rows = conn.execute(sa.select(interview_sessions).where(interview_sessions.c.owner_id == owner_id)
                        .order_by(interview_sessions.c.created_at.desc(), interview_sessions.c.id))
    return [_interview_session(row) for row in rows]


@dataclass(frozen=True)
class SubmitOutcome:
    session_id: str
    challenge_id: str
    verdict: str | None
    score: float | None


def last_submit_outcomes(conn: Connection, *, session_ids: list[str]) -> list[SubmitOutcome]:
    """The last graded submit of each challenge of these sessions: verdict and score only, one query for a
    whole dashboard (no code or report is read)."""
    if not session_ids:
        return []
    last = (sa.select(sa.func.max(attempts.c.id))
            .where(attempts.c.session_id.in_(session_ids), attempts.c.mode == "submit", attempts.c.status == GRADED)
            .group_by(attempts.c.session_id, attempts.c.challenge_id))
    rows = conn.execute(sa.select(attempts.c.session_id, attempts.c.challenge_id, attempts.c.verdict,
                                  attempts.c.score).where(attempts.c.id.in_(last)))
    return [SubmitOutcome(r.session_id, r.challenge_id, r.verdict, r.score) for r in rows]


def set_candidate_token_hash(conn: Connection, *, session_id: str, token_hash: str) -> None:
    conn.execute(sa.update(interview_sessions).where(interview_sessions.c.id == session_id)
                 .values(candidate_token_hash=token_hash))


# Accounts

@dataclass(frozen=True)
class Account:
    id: int
    email: str
    display_name: str
    password_hash: str
    created_at: datetime
    password_changed_at: datetime


def _account(row: sa.Row[Any]) -> Account:
    return Account(id=row.id, email=row.email, display_name=row.display_name, password_hash=row.password_hash,
                   created_at=_aware(row.created_at),  # type: ignore[arg-type]
                   password_changed_at=_aware(row.password_changed_at))  # type: ignore[arg-type]


def create_account(conn: Connection, *, email: str, display_name: str, password_hash: str) -> int | None:
    """The new account's id, or None when the email is taken (the unique index decides, not a prior read)."""
    now = utcnow()
    try:
        with conn.begin_nested():
            result = conn.execute(sa.insert(accounts).values(
                email=email, display_name=display_name, password_hash=password_hash, created_at=now,
                password_changed_at=now))
    except sa.exc.IntegrityError:
        return None
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def find_account(conn: Connection, *, email: str) -> Account | None:
    row = conn.execute(sa.select(accounts).where(accounts.c.email == email)).one_or_none()
    return _account(row) if row else None


def get_account(conn: Connection, *, account_id: int) -> Account | None:
    row = conn.execute(sa.select(accounts).where(accounts.c.id == account_id)).one_or_none()
    return _account(row) if row else None


def set_password_hash(conn: Connection, *, account_id: int, password_hash: str, changed: bool = True) -> None:
    values: dict[str, Any] = {"password_hash": password_hash}
    if changed:
        values["password_changed_at"] = utcnow()
    conn.execute(sa.update(accounts).where(accounts.c.id == account_id).values(**values))


def add_account_session(conn: Connection, *, account_id: int, token_hash: str, expires_at: datetime) -> None:
    conn.execute(sa.insert(account_sessions).values(token_hash=token_hash, account_id=account_id,
                                                    created_at=utcnow(), expires_at=expires_at))


def find_session_account(conn: Connection, *, token_hash: str, now: datetime) -> Account | None:
    """The account a login token opens, unless the login has expired."""
    row = conn.execute(
        sa.select(accounts).join(account_sessions, account_sessions.c.account_id == accounts.c.id)
        .where(account_sessions.c.token_hash == token_hash, account_sessions.c.expires_at > now)
    ).one_or_none()
    return _account(row) if row else None


def delete_account_session(conn: Connection, *, token_hash: str) -> None:
    conn.execute(sa.delete(account_sessions).where(account_sessions.c.token_hash == token_hash))


def delete_other_account_sessions(conn: Connection, *, account_id: int, keep_token_hash: str | None) -> int:
    query = sa.delete(account_sessions).where(account_sessions.c.account_id == account_id)
    if keep_token_hash is not None:
        query = query.where(account_sessions.c.token_hash != keep_token_hash)
    return int(conn.execute(query).rowcount)


def delete_expired_account_sessions(conn: Connection, *, now: datetime) -> None:
    conn.execute(sa.delete(account_sessions).where(account_sessions.c.expires_at <= now))


# Scorecard templates

@dataclass(frozen=True)
class ScorecardTemplate:
    id: str
    account_id: int
    name: str
    criteria: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime


def _template(row: sa.Row[Any]) -> ScorecardTemplate:
    return ScorecardTemplate(id=row.id, account_id=row.account_id, name=row.name, criteria=list(row.criteria),
                             created_at=_aware(row.created_at),  # type: ignore[arg-type]
                             updated_at=_aware(row.updated_at))  # type: ignore[arg-type]


def create_scorecard_template(conn: Connection, *, account_id: int, name: str, criteria: list[dict[str, Any]]
                              ) -> str:
    template_id, now = uuid.uuid4().hex, utcnow()
    conn.execute(sa.insert(scorecard_templates).values(id=template_id, account_id=account_id, name=name,
                                                       criteria=criteria, created_at=now, updated_at=now))
    return template_id


def list_scorecard_templates(conn: Connection, *, account_id: int) -> list[ScorecardTemplate]:
    rows = conn.execute(sa.select(scorecard_templates).where(scorecard_templates.c.account_id == account_id)
                        .order_by(scorecard_templates.c.created_at, scorecard_templates.c.id))
    return [_template(row) for row in rows]


def get_scorecard_template(conn: Connection, *, account_id: int, template_id: str) -> ScorecardTemplate | None:
    """Only the account's own: another account's template is not found, the same as a missing one."""
    row = conn.execute(sa.select(scorecard_templates).where(
        scorecard_templates.c.id == template_id, scorecard_templates.c.account_id == account_id)).one_or_none()
    return _template(row) if row else None


def update_scorecard_template(conn: Connection, *, account_id: int, template_id: str, name: str,
                              criteria: list[dict[str, Any]]) -> bool:
    result = conn.execute(sa.update(scorecard_templates).where(
        scorecard_templates.c.id == template_id, scorecard_templates.c.account_id == account_id)
        .values(name=name, criteria=criteria, updated_at=utcnow()))
    return bool(result.rowcount)


def delete_scorecard_template(conn: Connection, *, account_id: int, template_id: str) -> bool:
    result = conn.execute(sa.delete(scorecard_templates).where(
        scorecard_templates.c.id == template_id, scorecard_templates.c.account_id == account_id))
    return bool(result.rowcount)


# Authors' questions

@dataclass(frozen=True)
class Question:
    id: int
    account_id: int
    revision: int
    draft: dict[str, Any]
    validation: dict[str, Any]
    cases: bytes
    expected: bytes
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


def _question(row: sa.Row[Any]) -> Question:
    return Question(id=row.id, account_id=row.account_id, revision=row.revision, draft=dict(row.draft),
                    validation=dict(row.validation), cases=bytes(row.cases), expected=bytes(row.expected),
                    created_at=_aware(row.created_at), updated_at=_aware(row.updated_at),  # type: ignore[arg-type]
                    deleted_at=_aware(row.deleted_at))


def create_question(conn: Connection, *, account_id: int, draft: dict[str, Any], validation: dict[str, Any],
                    cases: bytes, expected: bytes) -> int:
    now = utcnow()
    result = conn.execute(sa.insert(questions).values(
        account_id=account_id, revision=1, title=draft["title"], draft=draft, validation=validation, cases=cases,
        expected=expected, created_at=now, updated_at=now))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def update_question(conn: Connection, *, account_id: int, question_id: int, draft: dict[str, Any],
                    validation: dict[str, Any], cases: bytes, expected: bytes) -> bool:
    """Only the account's own, not deleted; the revision grows so every cache of the old one is left behind."""
    result = conn.execute(sa.update(questions).where(
        questions.c.id == question_id, questions.c.account_id == account_id, questions.c.deleted_at.is_(None))
        .values(revision=questions.c.revision + 1, title=draft["title"], draft=draft, validation=validation,
                cases=cases, expected=expected, updated_at=utcnow()))
    return bool(result.rowcount)


def get_question(conn: Connection, *, question_id: int, account_id: int | None = None,
                 include_deleted: bool = False) -> Question | None:
    """The account's own question (another account's is not found), or any one for a session (account None)."""
    query = sa.select(questions).where(questions.c.id == question_id)
    if account_id is not None:
        query = query.where(questions.c.account_id == account_id)
    if not include_deleted:
        query = query.where(questions.c.deleted_at.is_(None))
    row = conn.execute(query).one_or_none()
    return _question(row) if row else None


def question_revision(conn: Connection, *, question_id: int) -> int | None:
    """The current revision (deleted questions too), to tell whether a cached copy is still current."""
    return conn.execute(sa.select(questions.c.revision).where(questions.c.id == question_id)).scalar_one_or_none()


def list_questions(conn: Connection, *, account_id: int) -> list[Question]:
    """The account's questions, newest change first, without their stored cases (a list needs none)."""
    columns = [c for c in questions.c if c.name not in ("cases", "expected")]
    rows = conn.execute(sa.select(*columns, sa.literal(b"").label("cases"), sa.literal(b"").label("expected"))
                        .where(questions.c.account_id == account_id, questions.c.deleted_at.is_(None))
                        .order_by(questions.c.updated_at.desc(), questions.c.id.desc()))
    return [_question(row) for row in rows]  # type: ignore[arg-type]


def count_questions(conn: Connection, *, account_id: int) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(questions).where(
        questions.c.account_id == account_id, questions.c.deleted_at.is_(None))).scalar_one())


def delete_question(conn: Connection, *, account_id: int, question_id: int) -> bool:
    result = conn.execute(sa.update(questions).where(
        questions.c.id == question_id, questions.c.account_id == account_id, questions.c.deleted_at.is_(None))
        .values(deleted_at=utcnow()))
    return bool(result.rowcount)
