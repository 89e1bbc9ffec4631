"""Grading on worker hosts, seen from a web host: queue an attempt, wait, and collect results any host left.

No web host owns an attempt sent to the workers: the one that queued it usually stores the
result, but if it dies, the result sweep that every web host runs stores it instead, and an
attempt whose job was lost ends as interrupted ("please retry"), never stuck in 'grading'.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from celery import Celery
from celery.exceptions import TimeoutError as CeleryTimeoutError

from app import store
from app.broker import (
    BROKER_WORKER,
    GradeRequest,
    GradeResponse,
    ValidateRequest,
    peek_response,
    read_response,
    read_validation,
    send_grade,
    send_validation,
)
from app.catalog import Catalog
from app.database import Database
from app.grading.grader import OnPart
from app.grading.report import GradeReport
from app.question_challenge import QuestionChallenge
from app.question_validation import Derived, QuestionRefused
from app.questions_models import QuestionDraft
from app.services.attempts import GradingLostError, PracticeSeat, Seat, finish
from app.services.interviews import InterviewSeat

log = logging.getLogger("arraydojo.remote_grading")


class BrokerGrading:
    """Grades on worker hosts: queue the attempt, wait for the worker's answer (the `Grading` of web hosts).

    The web host that queued an attempt normally stores its result; if that host dies, any other
    host's result sweep finds the attempt (worker `BROKER_WORKER`) and stores it instead.
    """

    def __init__(self, celery: Celery, *, wait_seconds: float, catalog: Catalog | None = None) -> None:
        self.celery = celery
        self.wait_seconds = wait_seconds
        self.catalog = catalog  # finds authors' questions, sent whole: workers have no database

    @property
    def queue_depth(self) -> int:
        return 0  # the shared admission in Redis counts the queue, not this host

    @property
    def worker_label(self) -> str:
        return BROKER_WORKER

    def grade(self, attempt: store.Attempt, on_part: OnPart) -> GradeReport:
        """The worker's whole report at once (parts are not streamed through the broker)."""
        question = self.catalog.get_question(attempt.challenge_id) if self.catalog is not None else None
        request = GradeRequest(attempt_id=attempt.public_id, challenge_id=attempt.challenge_id, code=attempt.code,
                               mode=attempt.mode,  # type: ignore[arg-type]
                               question=question.question if isinstance(question, QuestionChallenge) else None)
        send_grade(self.celery, request)
        try:
            response = read_response(self.celery, request.attempt_id, timeout_seconds=self.wait_seconds)
        except CeleryTimeoutError:
            raise GradingLostError("No grading worker answered in time.") from None
        return report_of(response)


def report_of(response: GradeResponse) -> GradeReport:
    """The worker's report as ours, or GradingLostError when the worker did not grade it."""
    if response.report is None:
        raise GradingLostError(response.interrupted or "Grading was interrupted on our side.")
    return GradeReport.model_validate(response.report)


def _seat_of(attempt: store.Attempt) -> Seat:
    """The seat to tell of a result this host did not queue (only interviews record anything)."""
    if attempt.owner.session_id is not None:
        return InterviewSeat(attempt.owner.session_id, is_automatic=attempt.is_automatic)
    return PracticeSeat(token_hash="")


def collect_results(*, db: Database, celery: Celery, lost_after: timedelta) -> int:
    """Store every finished result still waiting in the broker; interrupt attempts whose job was lost.

    Runs in every web host's sweep. Storing is idempotent (a finished attempt is never rewritten),
    so two hosts collecting the same result at once store it once.
    """
    with db.read() as conn:
        waiting = store.list_queued_attempts(conn, worker_prefix=BROKER_WORKER)
    stored = 0
    for attempt in waiting:
        response = peek_response(celery, attempt.public_id)
        if response is None:
            if attempt.created_at < store.utcnow() - lost_after:
                with db.write() as conn:
                    if store.interrupt_attempt(conn, attempt_id=attempt.id):
                        _seat_of(attempt).dropped(conn, attempt)
                        log.warning("attempt %d: no worker answered within %s; interrupted", attempt.id, lost_after)
            continue
        try:
            report = report_of(response)
        except GradingLostError:
            with db.write() as conn:
                if store.interrupt_attempt(conn, attempt_id=attempt.id):
                    _seat_of(attempt).dropped(conn, attempt)
            continue
        finish(db=db, seat=_seat_of(attempt), attempt_id=attempt.id, report=report)
        stored += 1
    return stored


class BrokerValidator:
    """Validates an author's question on a worker host: this web host runs no author code (the `QuestionValidator`
    of web hosts that grade through workers)."""

    def __init__(self, celery: Celery, *, wait_seconds: float) -> None:
        self.celery = celery
        self.wait_seconds = wait_seconds

    def __call__(self, draft: QuestionDraft) -> Derived:
        request = ValidateRequest(request_id=uuid.uuid4().hex, draft=draft)
        send_validation(self.celery, request)
        try:
            response = read_validation(self.celery, request.request_id, timeout_seconds=self.wait_seconds)
        except CeleryTimeoutError:
            raise TimeoutError("No grading worker validated the question in time.") from None
        if response.derived is None:
            raise QuestionRefused(response.refused or "the worker could not validate the question")
        return response.derived
