"""Run and Submit: check the code, store it as 'grading', grade it in the sandbox, store the report."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from app import store
from app.catalog import Catalog
from app.database import Database
from app.errors import BusyError, InvalidInputError, NotFoundError, PayloadTooLargeError
from app.grading.grader import Grader
from app.grading.report import GradeReport
from app.services.challenges import get_challenge
from app.services.recovery import worker_identity
from sandbox import QueueFullError

log = logging.getLogger("arraydojo.grading")
Mode = Literal["run", "submit"]


@dataclass(frozen=True)
class GradeOutcome:
    submission_id: int
    report: GradeReport

    def public_dict(self) -> dict[str, Any]:
        """The same JSON as `arraydojo grade --json`, plus the stored submission's id."""
        return self.report.public_dict() | {"submission_id": self.submission_id}


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


def grade_and_store(*, db: Database, grader: Grader, catalog: Catalog, token_hash: str, challenge_id: str,
                    code: str, mode: Mode) -> GradeOutcome:
    """Blocking: call from a grading thread. The row exists before the sandbox runs the code."""
    challenge = get_challenge(catalog=catalog, challenge_id=challenge_id)
    with db.write() as conn:
        profile_id = store.ensure_profile(conn, token_hash=token_hash)
        submission_id = store.start_submission(
            conn, public_id=uuid.uuid4().hex, profile_id=profile_id, challenge_id=challenge.id, mode=mode,
            code=code, worker=worker_identity())
    try:
        report = grader.grade(challenge.id, code, mode=mode)
    except QueueFullError:
        with db.write() as conn:  # never graded: the client retries, so leave no trace
            store.delete_submission(conn, submission_id=submission_id)
        raise BusyError("Every sandbox slot is busy; retry in a few seconds.", retry_after_seconds=2,
                        queue_depth=grader.sandbox.queue_depth) from None
    except Exception:
        log.exception("grading %s failed", challenge.id)
        report = GradeReport(challenge=challenge.id, mode=mode, verdict="internal_error",
                             summary="Internal error: the grader failed, not your code. Please try again.")
    with db.write() as conn:
        store.finish_submission(conn, submission_id=submission_id, verdict=report.verdict, score=report.score,
                                report=report.public_dict())
    return GradeOutcome(submission_id, report)


def get_submission(*, db: Database, token_hash: str, submission_id: int) -> store.Submission:
    """A submission of this profile; anyone else's is 'not found', not 'forbidden' (ids are guessable)."""
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        submission = store.get_submission(conn, submission_id=submission_id)
    if submission is None or profile_id is None or submission.profile_id != profile_id:
        raise NotFoundError(f"No submission {submission_id} in your profile. Your submissions are listed on each "
                            "challenge's page.")
    return submission


def list_submissions(*, db: Database, token_hash: str, challenge_id: str, limit: int = 20) -> list[store.Submission]:
    with db.read() as conn:
        profile_id = store.find_profile(conn, token_hash=token_hash)
        if profile_id is None:
            return []
        return store.list_submissions(conn, profile_id=profile_id, challenge_id=challenge_id, mode="submit",
                                      limit=limit)


def submission_public(submission: store.Submission) -> dict[str, Any]:
    return {
        "id": submission.id,
        "challenge": submission.challenge_id,
        "mode": submission.mode,
        "status": submission.status,
        "verdict": submission.verdict,
        "score": submission.score,
        "code": submission.code,
        "created_at": submission.created_at.isoformat(),
        "finished_at": submission.finished_at.isoformat() if submission.finished_at else None,
        "report": submission.report,
    }
