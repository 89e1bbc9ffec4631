"""Grading on worker hosts through Celery and Redis: the task's messages, the Celery app, the client.

A web host sends `GradeRequest` and reads back `GradeResponse`; a worker grades. The worker needs
only the broker's address and the challenge files: user data never travels to it, only the code
being graded and the challenge id. The attempt id is the task id, so a result is stored once per
attempt whichever web host reads it.
"""

from __future__ import annotations

from typing import Any, Literal

from celery import Celery
from celery.result import AsyncResult
from pydantic import BaseModel, ConfigDict, Field

from app.question_challenge import StoredQuestion
from app.question_validation import Derived
from app.questions_models import QuestionDraft

GRADE_TASK = "arraydojo.grade"
VALIDATE_TASK = "arraydojo.validate_question"
GRADING_QUEUE = "arraydojo-grading"
# A message whose worker died is delivered again once; the third delivery is not graded, so one
# submission that crashes workers cannot take down the fleet one worker at a time.
MAX_DELIVERIES = 2
DELIVERIES_KEY = "arraydojo:deliveries:{attempt_id}"
RESULT_TTL_SECONDS = 24 * 3600
# The `worker` of an attempt row sent to the workers: the result sweep of every web host looks for it.
BROKER_WORKER = "broker"


class GradeRequest(BaseModel):
    """What a worker needs to grade one attempt, and nothing about who made it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attempt_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    challenge_id: str = Field(min_length=1, max_length=100)
    code: str
    mode: Literal["run", "submit"]
    # An author's question (q_<n>): workers have no database, so the request carries it whole.
    question: StoredQuestion | None = None


class GradeResponse(BaseModel):
    """A worker's answer: the report as `arraydojo grade --json` prints it, or why there is none."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attempt_id: str
    report: dict[str, Any] | None = None
    worker: str = ""
    delivery: int = 1
    # Set when the attempt was not graded (delivered too often): the web host stores it as interrupted.
    interrupted: str | None = None


def create_celery(broker_url: str, *, visibility_timeout_seconds: float) -> Celery:
    """One Celery app for web hosts and workers alike: JSON only, late acknowledgement, one job at a time.

    Late acknowledgement with `reject_on_worker_lost`: a message is taken off the queue only after
    its grade finished, so a worker killed mid-grade leaves it to be delivered again once the
    visibility timeout passes. Prefetch 1: a busy worker does not hoard jobs an idle one could take.
    """
    celery = Celery("arraydojo", broker=broker_url, backend=broker_url, set_as_current=False)
    celery.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],  # never pickle: a message is data, not code
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=GRADING_QUEUE,
        task_track_started=True,
        result_expires=RESULT_TTL_SECONDS,
        result_extended=False,
        broker_connection_retry_on_startup=True,
        # kombu scans for abandoned messages every interval x throttle seconds (100 s by default):
        # scan every few seconds instead, so a dead worker's job is back soon after the timeout.
        broker_transport_options={"visibility_timeout": visibility_timeout_seconds,
                                  "unacked_restore_interval": max(1, int(visibility_timeout_seconds / 3)),
                                  "unacked_restore_throttle": 1},
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    return celery


def send_grade(celery: Celery, request: GradeRequest) -> AsyncResult[Any]:
    """Queue one attempt for the workers; its task id is the attempt id."""
    return celery.send_task(GRADE_TASK, args=[request.model_dump()], task_id=request.attempt_id,
                            queue=GRADING_QUEUE)


def read_response(celery: Celery, attempt_id: str, *, timeout_seconds: float) -> GradeResponse:
    """Wait for an attempt's result (raises celery's TimeoutError when it is not there in time)."""
    outcome = AsyncResult(attempt_id, app=celery).get(timeout=timeout_seconds, propagate=True,
                                                      disable_sync_subtasks=False)
    return GradeResponse.model_validate(outcome)


def peek_response(celery: Celery, attempt_id: str) -> GradeResponse | None:
    """The attempt's result if a worker has finished it, without waiting (for any web host's sweep)."""
    result: AsyncResult[Any] = AsyncResult(attempt_id, app=celery)
    if not result.ready() or not result.successful():
        return None
    return GradeResponse.model_validate(result.result)



class ValidateRequest(BaseModel):
    """An author's question to validate on a worker (web hosts that grade through workers run no author code)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    request_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    draft: QuestionDraft


class ValidateResponse(BaseModel):
    """What the worker's sandbox derived, or why the question is refused (the author's fault, said to them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    request_id: str
    derived: Derived | None = None
    refused: str | None = None


def send_validation(celery: Celery, request: ValidateRequest) -> AsyncResult[Any]:
    return celery.send_task(VALIDATE_TASK, args=[request.model_dump(mode="json")], task_id=request.request_id,
                            queue=GRADING_QUEUE)


def read_validation(celery: Celery, request_id: str, *, timeout_seconds: float) -> ValidateResponse:
    """Wait for a validation's answer (raises celery's TimeoutError when it is not there in time)."""
    outcome = AsyncResult(request_id, app=celery).get(timeout=timeout_seconds, propagate=True,
                                                      disable_sync_subtasks=False)
    return ValidateResponse.model_validate(outcome)
