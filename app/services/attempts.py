"""One graded attempt for practice and interviews alike: admit it, store it, grade it, finish it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection

from app import store
from app.cases import Mode
from app.catalog import Catalog
from app.database import Database
from app.errors import BusyError, InvalidInputError, NotFoundError, PayloadTooLargeError
from app.grading.grader import Grader
from app.grading.report import GradeReport
from app.models import AttemptResult
from app.services.challenges import get_challenge
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


def _grade(grader: Grader, challenge_id: str, code: str, mode: Mode) -> GradeReport:
    """The grader's report; our own failure becomes an internal_error report (never the candidate's fault)."""
    try:
        return grader.grade(challenge_id, code, mode=mode)
    except QueueFullError:
        raise
    except Exception:
        log.exception("grading %s failed", challenge_id)
        return GradeReport(challenge=challenge_id, mode=mode, verdict="internal_error", summary=INTERNAL_ERROR_SUMMARY)


def grade_attempt(*, db: Database, grader: Grader, catalog: Catalog, seat: Seat, challenge_id: str, code: str,
                  mode: Mode) -> Graded:
    """Blocking: call from a grading thread. The row exists before the sandbox runs the code."""
    challenge = get_challenge(catalog=catalog, challenge_id=challenge_id)
    with db.write() as conn:
        owner = seat.admit(conn)
        attempt_id = store.start_attempt(conn, owner=owner, challenge_id=challenge.id, mode=mode, code=code,
                                         worker=worker_identity(), is_automatic=seat.is_automatic)
        started = store.get_attempt(conn, attempt_id=attempt_id)
        assert started is not None
        seat.started(conn, started)
    try:
        report = _grade(grader, challenge.id, code, mode)
    except QueueFullError:
        with db.write() as conn:  # never graded: the client retries, so leave no attempt behind
            store.delete_attempt(conn, attempt_id=attempt_id)
            seat.dropped(conn, started)
        raise BusyError("Every sandbox slot is busy; retry in a few seconds.", retry_after_seconds=2,
                        queue_depth=grader.sandbox.queue_depth) from None
    with db.write() as conn:
        store.finish_attempt(conn, attempt_id=attempt_id, verdict=report.verdict, score=report.score,
                             report=report.public_dict())
        finished = store.get_attempt(conn, attempt_id=attempt_id)
        assert finished is not None
        seat.finished(conn, finished)
    return Graded(finished, report)


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
