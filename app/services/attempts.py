"""One graded attempt for practice and interviews alike: admit it, store it, grade it, finish it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar, Protocol

from sqlalchemy import Connection

from app import store
from app.cases import Mode
from app.catalog import Catalog
from app.database import Database
from app.errors import BusyError, InvalidInputError, NotFoundError, PayloadTooLargeError
from app.grading.grader import Grader, OnPart
from app.grading.report import GradeReport
from app.models import AttemptResult
from app.services.challenges import get_challenge, get_session_challenge
from app.services.recovery import worker_identity
from sandbox import QueueFullError

log = logging.getLogger("arraydojo.attempts")
INTERNAL_ERROR_SUMMARY = "Internal error: the grader failed, not your code. Please try again."


@dataclass(frozen=True)
class Graded:
    attempt: store.Attempt
    report: GradeReport


class Seat(Protocol):
    """Who makes an attempt (a profile, an interview's candidate) and what else that mode records."""

    @property
    def is_automatic(self) -> bool:
        """Submitted for the candidate (an interview's end), not by them."""

    @property
    def allows_questions(self) -> bool:
        """Whether authors' questions may be graded here: in their sessions, never in practice."""

    def admit(self, conn: Connection) -> store.Owner:
        """The attempt's owner; raises when this seat may not grade now (in the write transaction)."""

    def started(self, conn: Connection, attempt: store.Attempt) -> None: ...

    def dropped(self, conn: Connection, attempt: store.Attempt) -> None: ...

    def finished(self, conn: Connection, attempt: store.Attempt) -> None: ...


@dataclass(frozen=True)
class PracticeSeat:
    """A practice profile: created by its first write; nothing else to record."""

    token_hash: str
    is_automatic: bool = False
    allows_questions: ClassVar[bool] = False

    def admit(self, conn: Connection) -> store.Owner:
        return store.Owner(profile_id=store.ensure_profile(conn, token_hash=self.token_hash))

    def started(self, conn: Connection, attempt: store.Attempt) -> None:
        pass

    def dropped(self, conn: Connection, attempt: store.Attempt) -> None:
        pass

    def finished(self, conn: Connection, attempt: store.Attempt) -> None:
        pass


def check_code(code: str, *, max_bytes: int) -> str:
    """Refuse code the sandbox should never see: too large, NUL bytes, unpaired surrogates."""
    try:
        size = len(code.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise InvalidInputError(
            f"The code is not valid Unicode: an unpaired surrogate {code[exc.start]!r} at character {exc.start}. "
            "Remove it and try again.") from None
    if size > max_bytes:
        raise PayloadTooLargeError(
            f"The code is {size:,} bytes; the limit is {max_bytes:,} bytes ({max_bytes // 1024} KiB). "
            "A solution fits in far less: remove pasted data or generated text.")
    if "\x00" in code:
        raise InvalidInputError(f"The code contains a NUL character at position {code.index(chr(0))}; remove it.")
    return code


class Grading(Protocol):
    """Where attempts are graded: this host's sandbox, or worker hosts behind the broker."""

    @property
    def queue_depth(self) -> int: ...

    @property
    def worker_label(self) -> str:
        """What the attempt row's `worker` names: this process, or the broker that took the job."""

    def grade(self, attempt: store.Attempt, on_part: OnPart) -> GradeReport:
        """Blocking; raises QueueFullError when no slot is free, GradingLostError when the job was lost.

        `on_part` hears each part of the report as it is known, where the grading can tell (this host's)."""


class GradingLostError(Exception):
    """The job left this host and never came back (its worker died twice, or no worker answered)."""


@dataclass(frozen=True)
class LocalGrading:
    """Grades in this process's own sandbox pool (the embedded default)."""

    grader: Grader

    @property
    def queue_depth(self) -> int:
        return self.grader.sandbox.queue_depth

    @property
    def worker_label(self) -> str:
        return worker_identity()

    def grade(self, attempt: store.Attempt, on_part: OnPart) -> GradeReport:
        return self.grader.grade(attempt.challenge_id, attempt.code, mode=attempt.mode,  # type: ignore[arg-type]
                                 on_part=on_part)


def _grade(grading: Grading, attempt: store.Attempt, on_part: OnPart) -> GradeReport:
    """The grader's report; our own failure becomes an internal_error report (never the candidate's fault)."""
    try:
        return grading.grade(attempt, on_part)
    except (QueueFullError, GradingLostError):
        raise
    except Exception:
        log.exception("grading %s failed", attempt.challenge_id)
        return GradeReport(challenge=attempt.challenge_id, mode=attempt.mode,  # type: ignore[arg-type]
                           verdict="internal_error", summary=INTERNAL_ERROR_SUMMARY)


def start_attempt(*, db: Database, grading: Grading, catalog: Catalog, seat: Seat, challenge_id: str, code: str,
                  mode: Mode) -> store.Attempt:
    """Admit and store the attempt as 'grading': its id exists before the sandbox runs the code."""
    find = get_session_challenge if seat.allows_questions else get_challenge
    challenge = find(catalog=catalog, challenge_id=challenge_id)
    with db.write() as conn:
        owner = seat.admit(conn)
        attempt_id = store.start_attempt(conn, owner=owner, challenge_id=challenge.id, mode=mode, code=code,
                                         worker=grading.worker_label, is_automatic=seat.is_automatic)
        started = store.get_attempt(conn, attempt_id=attempt_id)
        assert started is not None
        seat.started(conn, started)
    return started


def drop_attempt(*, db: Database, seat: Seat, attempt: store.Attempt) -> None:
    """Never graded (no slot): the client retries, so leave no attempt behind."""
    with db.write() as conn:
        store.delete_attempt(conn, attempt_id=attempt.id)
        seat.dropped(conn, attempt)


def _save_part(db: Database, attempt_id: int) -> OnPart:
    """Store each part on the row as the grader reports it, so a stream on any web worker can show it."""
    def on_part(name: str, report: GradeReport) -> None:
        with db.write() as conn:
            store.save_partial_report(conn, attempt_id=attempt_id, report=report.public_dict())
    return on_part


def _ignore_part(name: str, report: GradeReport) -> None:
    pass


def grade_started(*, db: Database, grading: Grading, seat: Seat, attempt: store.Attempt) -> Graded:
    """Blocking: call from a grading thread. Grades a stored attempt, saving each part, then finishes it."""
    try:
        # A run is one job: its only part is its report. A submit's parts are saved as they come.
        on_part = _save_part(db, attempt.id) if attempt.mode == "submit" else _ignore_part
        report = _grade(grading, attempt, on_part)
    except QueueFullError:
        drop_attempt(db=db, seat=seat, attempt=attempt)
        raise BusyError("Every sandbox slot is busy; retry in a few seconds.", retry_after_seconds=2,
                        queue_depth=grading.queue_depth) from None
    except GradingLostError as lost:
        with db.write() as conn:
            store.interrupt_attempt(conn, attempt_id=attempt.id)
            seat.dropped(conn, attempt)
        raise BusyError(f"{lost} Please retry.", retry_after_seconds=2, queue_depth=grading.queue_depth) from None
    return finish(db=db, seat=seat, attempt_id=attempt.id, report=report)


def finish(*, db: Database, seat: Seat, attempt_id: int, report: GradeReport) -> Graded:
    """Store a report and tell the seat, once: a second finish of the same attempt changes nothing."""
    with db.write() as conn:
        first = store.finish_attempt(conn, attempt_id=attempt_id, verdict=report.verdict, score=report.score,
                                     report=report.public_dict())
        finished = store.get_attempt(conn, attempt_id=attempt_id)
        assert finished is not None
        if first:
            seat.finished(conn, finished)
    return Graded(finished, report)


def grade_attempt(*, db: Database, grading: Grading, catalog: Catalog, seat: Seat, challenge_id: str, code: str,
                  mode: Mode) -> Graded:
    """Blocking: call from a grading thread. The row exists before the sandbox runs the code."""
    started = start_attempt(db=db, grading=grading, catalog=catalog, seat=seat, challenge_id=challenge_id,
                            code=code, mode=mode)
    return grade_started(db=db, grading=grading, seat=seat, attempt=started)


def result_of(graded: Graded) -> AttemptResult:
    """The run's or submit's answer: the report as graded, plus the stored attempt's id."""
    return AttemptResult.model_validate(graded.report.model_dump() | {"attempt_id": graded.attempt.id})


def get_practice_attempt(*, db: Database, token_hash: str, attempt_id: int) -> store.Attempt:
    """An attempt of this profile; anyone else's is 'not found', not 'forbidden' (ids are guessable)."""
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        attempt = store.get_attempt(conn, attempt_id=attempt_id)
    if attempt is None or profile_id is None or attempt.owner.profile_id != profile_id:
        raise NotFoundError(f"No submission {attempt_id} in your profile. Your submissions are listed on each "
                            "challenge's page.")
    return attempt


def list_practice_submits(*, db: Database, token_hash: str, challenge_id: str, limit: int = 20
                          ) -> list[store.Attempt]:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        if profile_id is None:
            return []
        return store.list_attempts(conn, owner=store.Owner(profile_id=profile_id), challenge_id=challenge_id,
                                   mode="submit", limit=limit)


def latest_practice_attempt(*, db: Database, token_hash: str, challenge_id: str) -> store.Attempt | None:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        if profile_id is None:
            return None
        recent = store.list_attempts(conn, owner=store.Owner(profile_id=profile_id), challenge_id=challenge_id,
                                     limit=1)
    return recent[0] if recent else None
