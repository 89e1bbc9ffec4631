"""Timed mock interviews: tokens and roles, the server-owned clock, runs, follow-ups, notes, scorecard."""

from __future__ import annotations

import dataclasses
import hmac
import logging
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import Connection

from app import store
from app.catalog import Catalog, Challenge
from app.config import Settings
from app.content import MarkdownRenderer
from app.database import Database
from app.errors import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    TooManyRequestsError,
    UnauthorizedError,
)
from app.models import (
    AttemptPublic,
    CandidateSessionPublic,
    ClockPublic,
    EventPublic,
    FollowupPublic,
    HintsPublic,
    InterviewerSessionPublic,
    SessionChallengePublic,
    SnapshotSaved,
)
from app.services.attempts import Grading, check_code, grade_attempt
from app.services.candidate_view import (
    CandidateSees,
    candidate_event_payload,
    candidate_report,
    strip_interviewer_sections,
)
from app.services.challenges import get_challenge, get_session_challenge
from app.services.profiles import hash_token
from app.services.questions import owned_question_ids

log = logging.getLogger("arraydojo.interviews")
Role = Literal["candidate", "interviewer"]
MAX_CHALLENGES = 6
MAX_FOLLOWUP_CHARS = 2000
MAX_NOTES_CHARS = 100_000
MAX_EXTENSION_MINUTES = 120
# What the candidate's stream and state may carry. Notes and the scorecard live on the session row
# and are never events, so no event kind can leak them; snapshots and runs are the interviewer's view.
# "submit": the candidate's own submits, so the one made for them at the deadline shows on their panel.
CANDIDATE_EVENT_KINDS = ["started", "followup", "extended", "ended", "submit"]
# A claim on an ended session's final submits is taken over after this long (its server died).
FINAL_SUBMIT_STALE = timedelta(minutes=2)


class RandomPick(BaseModel):
    """"Random N from lessons X-Y", optionally of one difficulty; drawn once, when the session is made."""

    count: int = Field(ge=1, le=MAX_CHALLENGES, description="How many challenges to draw")
    lessons: list[int] = Field(min_length=1, description="Lesson numbers to draw from, like [5, 6]")
    difficulty: Literal["easy", "medium", "hard"] | None = None


class SessionCreate(BaseModel):
    """The body of POST /api/sessions: `challenges` or `random`, a duration, and the options."""

    challenges: list[str] | None = Field(default=None, max_length=MAX_CHALLENGES,
                                         description="Challenge ids, in order; your own questions' ids (q_<n>) too "
                                                     "when logged in", examples=[["softmax"]])
    random: RandomPick | None = None
    duration_minutes: float = Field(gt=0, description="Length of the session; fractions allowed", examples=[45])
    candidate_name: str | None = Field(default=None, max_length=100)
    hints_allowed: bool = False
    candidate_may_start: bool = Field(default=False, description="Whether the candidate's link can start the clock")
    candidate_sees: CandidateSees = Field(
        default="tests", description='What the candidate sees after a submit: "tests" (the tests\' outcomes) or '
        '"tests_and_rubric" (also the rubric\'s ratings and the score, never its fix advice)')

    @field_validator("candidate_name")
    @classmethod
    def _strip_name(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @model_validator(mode="after")
    def _one_way_to_choose(self) -> SessionCreate:
        if bool(self.challenges) == bool(self.random):
            raise ValueError('give either "challenges" (a list of ids) or "random" ({"count", "lessons"}), not both')
        return self


@dataclass(frozen=True)
class Created:
    session: store.InterviewSession
    candidate_token: str
    interviewer_token: str


@dataclass(frozen=True)
class Access:
    session: store.InterviewSession
    role: Role


# Creating a session

def pick_challenges(*, catalog: Catalog, body: SessionCreate, rng: random.Random | None = None,
                    questions: frozenset[str] = frozenset()) -> list[str]:
    """The session's challenges; `questions` are the creator's own question ids (any other is unknown)."""
    if body.challenges:
        chosen = [c if c in questions else get_challenge(catalog=catalog, challenge_id=c).id for c in body.challenges]
        if len(set(chosen)) != len(chosen):
            raise InvalidInputError("A challenge is listed twice; list each one once.")
        return chosen
    assert body.random is not None
    numbers = [lesson.number for lesson in catalog.lessons()]
    unknown = [n for n in body.random.lessons if n not in numbers]
    if unknown:
        raise InvalidInputError(f"No lesson {unknown[0]}; the lessons are numbered {numbers[0]} to {numbers[-1]}.")
    pool = [c.id for c in catalog if c.config.lesson in body.random.lessons
            and (body.random.difficulty is None or c.config.difficulty == body.random.difficulty)]
    if len(pool) < body.random.count:
        which = f"{body.random.difficulty} " if body.random.difficulty else ""
        raise InvalidInputError(
            f"Lessons {body.random.lessons} have only {len(pool)} {which}challenges; ask for at most {len(pool)} "
            "or widen the lessons or the difficulty.")
    return (rng or random.SystemRandom()).sample(pool, body.random.count)


def create_session(*, db: Database, catalog: Catalog, settings: Settings, body: SessionCreate,
                   owner_id: int | None = None) -> Created:
    """A new session; with an owner (the logged-in account) it shows on that account's dashboard."""
    if settings.require_accounts and owner_id is None:
        raise UnauthorizedError("This server lets only interviewers with an account create sessions. "
                                "Sign up at /signup (or log in at /login), then try again.")
    seconds = body.duration_minutes * 60
    if not settings.session_min_seconds <= seconds <= settings.session_max_seconds:
        raise InvalidInputError(
            f"duration_minutes must be between {settings.session_min_seconds / 60:g} and "
            f"{settings.session_max_seconds / 60:g}; got {body.duration_minutes:g}.")
    owned = owned_question_ids(db=db, owner_id=owner_id, ids=body.challenges or [])
    challenges = pick_challenges(catalog=catalog, body=body, questions=owned)
    # 256-bit tokens; only their hashes are stored, so a copy of the database opens no session.
    candidate_token, interviewer_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session_id = uuid.uuid4().hex
    with db.write() as conn:
        store.create_interview(
            conn, session_id=session_id, candidate_token_hash=hash_token(candidate_token),
            interviewer_token_hash=hash_token(interviewer_token), candidate_name=body.candidate_name,
            challenges=challenges, duration_seconds=seconds, hints_allowed=body.hints_allowed,
            candidate_may_start=body.candidate_may_start, owner_id=owner_id, candidate_sees=body.candidate_sees)
        session = store.get_interview(conn, session_id=session_id)
    assert session is not None
    return Created(session, candidate_token, interviewer_token)


# Tokens and roles

def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise UnauthorizedError("This endpoint needs the session's token: send 'Authorization: Bearer <token>' "
                                "with the token from the candidate or interviewer link.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


def authenticate(*, db: Database, session_id: str, token: str) -> Access:
    """The session and the role its token gives; the role is never taken from the request."""
    with db.read() as conn:
        session = store.get_interview(conn, session_id=session_id)
    if session is None:
        raise NotFoundError(f"No interview session {session_id!r}. Check the link, or create one at /sessions/new.")
    digest = hash_token(token)
    if hmac.compare_digest(digest, session.interviewer_token_hash):
        return Access(session, "interviewer")
    if hmac.compare_digest(digest, session.candidate_token_hash):
        return Access(session, "candidate")
    raise UnauthorizedError("That token does not open this session. Use the full link you were given.")


def require_interviewer(access: Access) -> None:
    if access.role != "interviewer":
        raise ForbiddenError("Only the interviewer can do this; the candidate's link cannot.")


def require_candidate(access: Access, *, action: str) -> None:
    if access.role != "candidate":
        raise ForbiddenError(f"Only the candidate's page {action}; the interviewer's view is read-only.")


def find_session(*, db: Database, session_id: str) -> store.InterviewSession:
    """The session, or a 404 saying where to go."""
    with db.read() as conn:
        session = store.get_interview(conn, session_id=session_id)
    if session is None:
        raise NotFoundError(f"No interview session {session_id!r}. Check the link, or create one at /sessions/new.")
    return session


def reload(*, db: Database, session_id: str) -> store.InterviewSession:
    with db.read() as conn:
        session = store.get_interview(conn, session_id=session_id)
    assert session is not None
    return session


# The clock

def remaining_seconds(session: store.InterviewSession, now: datetime) -> float | None:
    if session.status == store.WAITING or session.deadline is None:
        return session.duration_seconds + session.extension_seconds
    if session.status == store.ENDED:
        return max(0.0, (session.deadline - (session.ended_at or now)).total_seconds())
    return max(0.0, (session.deadline - now).total_seconds())


def is_open(session: store.InterviewSession, now: datetime) -> bool:
    return session.status == store.RUNNING and session.deadline is not None and now < session.deadline


def clock(session: store.InterviewSession, now: datetime) -> ClockPublic:
    """Everything a page needs to draw the countdown; `server_now` lets it ignore its own clock's error."""
    status = session.status
    if status == store.RUNNING and not is_open(session, now):
        status = "time_up"  # the sweep ends it in a moment; nothing can run in between
    return ClockPublic(
        status=status, server_now=now, started_at=session.started_at,  # type: ignore[arg-type]
        deadline=session.deadline, ended_at=session.ended_at, end_reason=session.end_reason,
        duration_seconds=session.duration_seconds, extension_seconds=session.extension_seconds,
        remaining_seconds=remaining_seconds(session, now),
    )


def clock_now(session: store.InterviewSession) -> ClockPublic:
    return clock(session, store.utcnow())


def refuse_unless_open(session: store.InterviewSession, now: datetime, *, action: str) -> None:
    if session.status == store.WAITING:
        raise ConflictError(f"The session has not started yet, so you cannot {action}. Wait for the interviewer "
                            "to start it" + (", or press Start." if session.candidate_may_start else "."))
    if session.status == store.ENDED:
        who = "the interviewer ended it" if session.end_reason == "interviewer" else "its time ran out"
        raise ConflictError(f"The session is over ({who}), so you cannot {action}. Your last code was "
                            "submitted for you.", extra={"session_status": "ended"})
    if not is_open(session, now):
        raise ConflictError(f"Time is up: the deadline passed, so you cannot {action}. Your last code is being "
                            "submitted for you.", extra={"session_status": "time_up"})


def start_session(*, db: Database, access: Access) -> store.InterviewSession:
    session = access.session
    if access.role == "candidate" and not session.candidate_may_start:
        raise ForbiddenError("Only the interviewer can start this session. Wait here: the page starts by itself.")
    if session.status != store.WAITING:
        raise ConflictError("The session has already started." if session.status == store.RUNNING
                            else "The session is over; it cannot start again.")
    now = store.utcnow()
    deadline = now + timedelta(seconds=session.duration_seconds + session.extension_seconds)
    with db.write() as conn:
        if not store.start_interview(conn, session_id=session.id, started_at=now, deadline=deadline):
            raise ConflictError("The session has already started.")
        store.add_interview_event(conn, session_id=session.id, kind="started", created_at=now,
                                  payload={"by": access.role, "deadline": deadline.isoformat()})
    return reload(db=db, session_id=session.id)


def extend_session(*, db: Database, access: Access, minutes: float) -> store.InterviewSession:
    require_interviewer(access)
    if not 0 < minutes <= MAX_EXTENSION_MINUTES:
        raise InvalidInputError(f"Extend by more than 0 and at most {MAX_EXTENSION_MINUTES} minutes; got {minutes:g}.")
    session = access.session
    if session.status == store.ENDED:
        raise ConflictError("The session is over; an ended session cannot be extended. Create a new one.")
    now = store.utcnow()
    if session.status == store.RUNNING and not is_open(session, now):
        raise ConflictError("Time is already up and the last code is being submitted; it is too late to extend.")
    with db.write() as conn:
        store.extend_interview(conn, session_id=session.id, seconds=minutes * 60)
        updated = store.get_interview(conn, session_id=session.id)
        assert updated is not None
        store.add_interview_event(conn, session_id=session.id, kind="extended", created_at=now, payload={
            "seconds": minutes * 60, "deadline": updated.deadline.isoformat() if updated.deadline else None,
            "extension_seconds": updated.extension_seconds})
    return reload(db=db, session_id=session.id)


def end_session(*, db: Database, access: Access) -> store.InterviewSession:
    require_interviewer(access)
    now = store.utcnow()
    with db.write() as conn:
        if not store.end_interview(conn, session_id=access.session.id, reason="interviewer", ended_at=now):
            raise ConflictError("The session is already over.")
        store.add_interview_event(conn, session_id=access.session.id, kind="ended", created_at=now,
                                  payload={"reason": "interviewer"})
    return reload(db=db, session_id=access.session.id)


def end_due_sessions(*, db: Database, grace_seconds: float) -> list[str]:
    """End every running session past its deadline (plus the grace for snapshots in flight)."""
    now = store.utcnow()
    due_before = now - timedelta(seconds=grace_seconds)
    ended = []
    with db.read() as conn:
        candidates = store.list_due_interviews(conn, now=due_before)
    for session_id in candidates:
        with db.write() as conn:  # one transaction each: two workers never both end the same one
            if store.end_interview(conn, session_id=session_id, reason="time", ended_at=now, only_if_due=True):
                session = store.get_interview(conn, session_id=session_id)
                assert session is not None
                assert session.deadline is not None
                store.add_interview_event(conn, session_id=session_id, kind="ended", created_at=now,
                                          payload={"reason": "time", "deadline": session.deadline.isoformat()})
                ended.append(session_id)
    return ended


def claim_final_submits(*, db: Database) -> list[str]:
    now = store.utcnow()
    with db.write() as conn:
        return store.claim_final_submits(conn, now=now, stale_before=now - FINAL_SUBMIT_STALE)


def final_submit(*, db: Database, grading: Grading, catalog: Catalog, session_id: str) -> int:
    """Blocking: submit the last code of each challenge unless that exact code was already submitted."""
    owner = store.Owner(session_id=session_id)
    with db.read() as conn:
        session = store.get_interview(conn, session_id=session_id)
        documents = store.list_documents(conn, session_id=session_id)
        attempts = store.list_attempts(conn, owner=owner, newest_first=False)
    assert session is not None
    count = 0
    for challenge_id in session.challenges:
        document = documents.get(challenge_id)
        if document is None:
            continue  # never touched: nothing of the candidate's to grade
        code = document.text  # the shared document's text: exactly what both people saw
        submitted = [a for a in attempts if a.challenge_id == challenge_id and a.mode == "submit"
                     and a.status == store.GRADED]
        if submitted and submitted[-1].code == code:
            continue
        grade_attempt(db=db, grading=grading, catalog=catalog, seat=InterviewSeat(session_id, is_automatic=True),
                      challenge_id=challenge_id, code=code, mode="submit")
        count += 1
    with db.write() as conn:
        store.finish_final_submits(conn, session_id=session_id)
    return count


# Snapshots, runs and submits

def save_snapshot(*, db: Database, settings: Settings, access: Access, challenge_id: str, code: str
                  ) -> SnapshotSaved:
    require_candidate(access, action="sends snapshots")
    session = access.session
    check_challenge_in_session(session, challenge_id)
    check_code(code, max_bytes=settings.snapshot_max_bytes)
    now = store.utcnow()
    grace = timedelta(seconds=settings.session_grace_seconds)
    # Keystrokes sent just before the deadline are still in flight at it: accept them for the grace.
    if session.status != store.RUNNING or session.deadline is None or now >= session.deadline + grace:
        refuse_unless_open(session, now, action="save code")
    with db.write() as conn:
        window_start = now - timedelta(seconds=10)
        allowed = max(1, settings.snapshots_per_minute // 6)
        if store.count_recent_snapshots(conn, session_id=session.id, since=window_start) >= allowed:
            raise TooManyRequestsError(
                f"Too many snapshots: at most {settings.snapshots_per_minute} a minute. The page sends one per "
                "pause in typing; wait a moment.", retry_after_seconds=2)
        event_id = store.add_interview_event(conn, session_id=session.id, kind="snapshot", challenge_id=challenge_id,
                                             created_at=now, payload={"code": code})
    return SnapshotSaved(id=event_id, saved_at=now)


def check_challenge_in_session(session: store.InterviewSession, challenge_id: str) -> None:
    # Names none of the session's challenges: in the waiting room that would be a head start.
    if challenge_id not in session.challenges:
        raise NotFoundError(f"Challenge {challenge_id[:64]!r} is not part of this session; the session page "
                            "lists its challenges once it starts.")


def note_candidate_profile(*, db: Database, access: Access, token_hash: str) -> None:
    """Remember the candidate's practice profile, so practice cannot lift this session's rules."""
    with db.write() as conn:
        store.set_candidate_profile(conn, session_id=access.session.id, token_hash=token_hash)


def check_can_grade(*, access: Access, challenge_id: str) -> None:
    require_candidate(access, action="runs and submits code")
    check_challenge_in_session(access.session, challenge_id)
    refuse_unless_open(access.session, store.utcnow(), action="run or submit")


@dataclass(frozen=True)
class InterviewSeat:
    """The candidate's seat in a session: grading only while it is open; the stream hears of each attempt."""

    session_id: str
    is_automatic: bool = False
    allows_questions: ClassVar[bool] = True  # the session's own questions (checked against it before this)

    def admit(self, conn: Connection) -> store.Owner:
        if not self.is_automatic:  # checked again here: the deadline may have passed while this waited
            session = store.get_interview(conn, session_id=self.session_id)
            assert session is not None
            refuse_unless_open(session, store.utcnow(), action="run or submit")
        return store.Owner(session_id=self.session_id)

    def started(self, conn: Connection, attempt: store.Attempt) -> None:
        store.add_interview_event(conn, session_id=self.session_id, kind="grading", challenge_id=attempt.challenge_id,
                                  payload={"attempt_id": attempt.id, "mode": attempt.mode,
                                           "automatic": attempt.is_automatic, "code": attempt.code})

    def dropped(self, conn: Connection, attempt: store.Attempt) -> None:
        store.add_interview_event(conn, session_id=self.session_id, kind="graded", challenge_id=attempt.challenge_id,
                                  payload={"attempt_id": attempt.id, "mode": attempt.mode, "dropped": True})

    def finished(self, conn: Connection, attempt: store.Attempt) -> None:
        store.add_interview_event(conn, session_id=self.session_id, kind=attempt.mode,
                                  challenge_id=attempt.challenge_id, payload={
                                      "attempt_id": attempt.id, "mode": attempt.mode,
                                      "automatic": attempt.is_automatic, "verdict": attempt.verdict,
                                      "score": attempt.score, "summary": (attempt.report or {}).get("summary", "")})


# Hints and follow-ups

def reveal_hint(*, db: Database, catalog: Catalog, access: Access, challenge_id: str) -> HintsPublic:
    require_candidate(access, action="reveals hints")
    session = access.session
    check_challenge_in_session(session, challenge_id)
    if not session.hints_allowed:
        raise ForbiddenError("Hints are off in this session: the interviewer chose so.")
    refuse_unless_open(session, store.utcnow(), action="reveal a hint")
    challenge = get_session_challenge(catalog=catalog, challenge_id=challenge_id)
    with db.write() as conn:
        shown = [e for e in store.list_interview_events(conn, session_id=session.id, kinds=["hint"])
                 if e.challenge_id == challenge_id]
        if len(shown) >= len(challenge.hints):
            raise ConflictError(f"All {len(challenge.hints)} hints are already shown.")
        store.add_interview_event(conn, session_id=session.id, kind="hint", challenge_id=challenge_id,
                                  payload={"tier": len(shown) + 1})
    return HintsPublic(hints=list(challenge.hints[: len(shown) + 1]), revealed=len(shown) + 1,
                       total=len(challenge.hints))


def push_followup(*, db: Database, catalog: Catalog, access: Access, challenge_id: str | None, index: int | None,
                  text: str | None) -> FollowupPublic:
    require_interviewer(access)
    session = access.session
    if session.status == store.ENDED:
        raise ConflictError("The session is over; follow-ups can no longer reach the candidate.")
    if challenge_id is not None:
        check_challenge_in_session(session, challenge_id)
    if index is not None:
        if challenge_id is None:
            raise InvalidInputError('A follow-up by "index" needs its "challenge".')
        followups = get_session_challenge(catalog=catalog, challenge_id=challenge_id).followups
        if not 0 <= index < len(followups):
            raise InvalidInputError(f"Challenge {challenge_id!r} has follow-ups 0 to {len(followups) - 1}; "
                                    f"got {index}.")
        question = followups[index]
    else:
        question = (text or "").strip()
        if not question:
            raise InvalidInputError('Give the follow-up as "text", or pick one with "challenge" and "index".')
        if len(question) > MAX_FOLLOWUP_CHARS:
            raise InvalidInputError(f"A follow-up is at most {MAX_FOLLOWUP_CHARS} characters; this one has "
                                    f"{len(question)}.")
    with db.write() as conn:
        event_id = store.add_interview_event(conn, session_id=session.id, kind="followup", challenge_id=challenge_id,
                                             payload={"text": question, "index": index})
    return FollowupPublic(id=event_id, text=question, challenge=challenge_id)


# Notes: interviewer only, never events (the scorecard is in scorecards.py)

def save_notes(*, db: Database, access: Access, notes: str) -> None:
    require_interviewer(access)
    if len(notes) > MAX_NOTES_CHARS:
        raise InvalidInputError(f"Notes are at most {MAX_NOTES_CHARS:,} characters; these have {len(notes):,}.")
    with db.write() as conn:
        store.save_interview_notes(conn, session_id=access.session.id, notes=notes)


# What each role can read

def _challenge_view(challenge: Challenge, markdown: MarkdownRenderer, *, role: Role) -> SessionChallengePublic:
    # The candidate's statement loses its interviewer-only sections here, before it is rendered.
    statement = challenge.statement if role == "interviewer" else strip_interviewer_sections(challenge.statement)
    return SessionChallengePublic(
        id=challenge.id, title=challenge.config.title, lesson=challenge.config.lesson,
        difficulty=challenge.config.difficulty, signature=challenge.config.signature,
        statement_html=str(markdown.render(statement, True)), starter=challenge.starter,
        hint_count=len(challenge.hints), rubric_criteria=list(challenge.config.rubric.applies),
        followups=list(challenge.followups) if role == "interviewer" else None,
    )


def event_public(event: store.InterviewEvent) -> EventPublic:
    return EventPublic.model_validate(event.payload | {"id": event.id, "kind": event.kind,
                                                       "challenge": event.challenge_id, "at": event.created_at})


def _shared_documents(conn: Connection, session: store.InterviewSession) -> dict[str, Any]:
    """The text both people see of each edited challenge, its version, and whether the interviewer may type."""
    documents = store.list_documents(conn, session_id=session.id)
    return {"code": {c: d.text for c, d in documents.items()}, "versions": {c: d.version for c, d in documents.items()},
            "interviewer_may_type": store.interviewer_may_type(conn, session_id=session.id)}


def session_state(*, db: Database, catalog: Catalog, markdown: MarkdownRenderer, access: Access
                  ) -> CandidateSessionPublic | InterviewerSessionPublic:
    """GET /api/sessions/{id}: the clock, the challenges, follow-ups; the interviewer also gets the activity."""
    session = reload(db=db, session_id=access.session.id)
    # The waiting room says how many challenges, not which: no head start on reading them.
    shown = session.challenges if access.role == "interviewer" or session.status != store.WAITING else []
    with db.read() as conn:
        common: dict[str, Any] = {
            "id": session.id, "candidate_name": session.candidate_name, "hints_allowed": session.hints_allowed,
            "candidate_may_start": session.candidate_may_start, "candidate_sees": session.candidate_sees,
            "clock": clock(session, store.utcnow()),
            "challenge_count": len(session.challenges), "challenge_ids": shown,
            "challenges": [_challenge_view(get_session_challenge(catalog=catalog, challenge_id=c), markdown,
                                           role=access.role) for c in shown],
            "last_event_id": store.last_interview_event_id(conn, session_id=session.id),
            **_shared_documents(conn, session),
        }
        if access.role == "candidate":
            events = store.list_interview_events(conn, session_id=session.id, kinds=[*CANDIDATE_EVENT_KINDS, "hint"])
            revealed = {c: sum(e.kind == "hint" and e.challenge_id == c for e in events) for c in session.challenges}
            latest = store.list_attempts(conn, owner=store.Owner(session_id=session.id), mode="submit", limit=1)
            return CandidateSessionPublic(
                **common, role="candidate", followups=[event_for(access, e) for e in events if e.kind == "followup"],
                hints_revealed=revealed, latest_submit_id=latest[0].id if latest else None,
                hints={c: list(get_session_challenge(catalog=catalog, challenge_id=c).hints[:n])
                       for c, n in revealed.items()})
        events = store.list_interview_events(conn, session_id=session.id)
        attempts = store.list_attempts(conn, owner=store.Owner(session_id=session.id), newest_first=False)
    return InterviewerSessionPublic(
        **common, role="interviewer", followups=[event_public(e) for e in events if e.kind == "followup"],
        timeline=[event_public(e) for e in events if e.kind not in ("snapshot", "grading")],
        runs=[AttemptPublic.of(a) for a in attempts], notes=session.notes)


def event_for(access: Access, event: store.InterviewEvent) -> EventPublic:
    """An event as the token's role may see it (the candidate's submits carry a score only with the rubric)."""
    if access.role == "interviewer":
        return event_public(event)
    payload = candidate_event_payload(event.payload, kind=event.kind, sees=access.session.candidate_sees)
    return event_public(dataclasses.replace(event, payload=payload))


def report_for(access: Access, report: dict[str, Any]) -> dict[str, Any]:
    """A stored report as the token's role may see it: the interviewer all of it, the candidate the setting's part."""
    if access.role == "interviewer":
        return report
    return candidate_report(report, sees=access.session.candidate_sees)


def stream_events(*, db: Database, access: Access, after_id: int) -> tuple[list[EventPublic], ClockPublic]:
    """New events for the live stream, filtered by role, and the session's clock now."""
    kinds = CANDIDATE_EVENT_KINDS if access.role == "candidate" else None
    with db.read() as conn:
        events = store.list_interview_events(conn, session_id=access.session.id, after_id=after_id, kinds=kinds,
                                             limit=200)
        session = store.get_interview(conn, session_id=access.session.id)
    assert session is not None
    return [event_for(access, e) for e in events], clock(session, store.utcnow())


def get_attempt(*, db: Database, access: Access, attempt_id: int) -> store.Attempt:
    """One attempt of this session (either role may read its results)."""
    with db.read() as conn:
        attempt = store.get_attempt(conn, attempt_id=attempt_id)
    if attempt is None or attempt.owner.session_id != access.session.id:
        raise NotFoundError(f"No run {attempt_id} in this session.")
    return attempt
