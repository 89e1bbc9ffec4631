"""`arraydojo worker`: a grading host that takes attempts from Redis through Celery and grades them.

A worker runs untrusted code, so it is given no key to user data: it refuses to start when a
database URL is in its environment, and it never opens a database. It needs the broker's
address and the challenge files only.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

import redis
from celery import Celery

from app.broker import (
    DELIVERIES_KEY,
    GRADE_TASK,
    GRADING_QUEUE,
    MAX_DELIVERIES,
    RESULT_TTL_SECONDS,
    TRY_TASK,
    VALIDATE_TASK,
    GradeRequest,
    GradeResponse,
    TryRequest,
    TryResponse,
    ValidateRequest,
    ValidateResponse,
    create_celery,
    redis_client_url,
)
from app.catalog import UnknownChallengeError, load_catalog
from app.grading.custom_input import run_custom_input
from app.grading.grader import Grader, challenge_limits
from app.question_validation import QuestionRefused, derive_question
from sandbox import QueueFullError, Sandbox

log = logging.getLogger("arraydojo.worker")

# Environment names that would hand a worker the user database.
DATABASE_VARIABLES = ("ARRAYDOJO_DATABASE_URL", "DATABASE_URL", "PGPASSWORD", "PGHOST", "PGDATABASE")


class WorkerConfigError(Exception):
    """The worker's environment is unsafe or incomplete; the message says what to change."""


def check_environment(environ: dict[str, str]) -> str:
    """The broker URL, after refusing an environment that carries database credentials."""
    leaked = [name for name in DATABASE_VARIABLES if environ.get(name)]
    if leaked:
        raise WorkerConfigError(
            f"refusing to start: {', '.join(leaked)} is set. A worker runs untrusted code and must hold no key "
            "to user data; start it with ARRAYDOJO_BROKER_URL and the challenge files only.")
    broker_url = environ.get("ARRAYDOJO_BROKER_URL", "")
    if not broker_url.startswith(("redis://", "rediss://", "unix://", "redis+socket://")):
        raise WorkerConfigError("ARRAYDOJO_BROKER_URL must be set to the Redis broker, e.g. redis://host:6379/0 "
                                "or redis+socket:///run/redis/redis.sock")
    return broker_url


def count_delivery(counter: redis.Redis, job_id: str | int) -> int:
    """This delivery's number for the job (kept as long as results are): past MAX_DELIVERIES it is not run."""
    key = DELIVERIES_KEY.format(attempt_id=job_id)
    delivery = int(counter.incr(key))
    counter.expire(key, RESULT_TTL_SECONDS)
    return delivery


def register_grading(celery: Celery, *, grader: Grader, counter: redis.Redis) -> None:
    """Define the grade task on this worker's Celery app, bound to its grader."""
    worker_name = f"{socket.gethostname()}:{os.getpid()}"

    @celery.task(name=GRADE_TASK, acks_late=True, reject_on_worker_lost=True)  # type: ignore[untyped-decorator]
    def grade(payload: dict[str, Any]) -> dict[str, Any]:
        request = GradeRequest.model_validate(payload)
        delivery = count_delivery(counter, request.attempt_id)
        if delivery > MAX_DELIVERIES:
            log.warning("attempt %s delivered %d times: not graded again", request.attempt_id, delivery)
            response = GradeResponse(attempt_id=request.attempt_id, worker=worker_name, delivery=delivery,
                                     interrupted="Grading was interrupted twice on our side; please retry.")
            return response.model_dump()
        try:
            report = grader.grade(request.challenge_id, request.code, mode=request.mode, question=request.question)
        except UnknownChallengeError as unknown:
            response = GradeResponse(attempt_id=request.attempt_id, worker=worker_name, delivery=delivery,
                                     interrupted=str(unknown))
            return response.model_dump()
        response = GradeResponse(attempt_id=request.attempt_id, report=report.public_dict(), worker=worker_name,
                                 delivery=delivery)
        return response.model_dump()

    @celery.task(name=VALIDATE_TASK, acks_late=True, reject_on_worker_lost=True)  # type: ignore[untyped-decorator]
    def validate_question(payload: dict[str, Any]) -> dict[str, Any]:
        """An author's question: its generator and reference run in this worker's sandbox, as a grade's would."""
        request = ValidateRequest.model_validate(payload)
        try:
            derived = derive_question(grader.sandbox, request.draft)
        except QuestionRefused as refused:
            return ValidateResponse(request_id=request.request_id, refused=str(refused)).model_dump(mode="json")
        return ValidateResponse(request_id=request.request_id, derived=derived).model_dump(mode="json")


def register_custom_input(celery: Celery, *, grader: Grader, counter: redis.Redis) -> None:
    """Define the custom-input task (`/try` on a web host with a broker), bound to this worker's sandbox."""
    worker_name = f"{socket.gethostname()}:{os.getpid()}"

    @celery.task(name=TRY_TASK, acks_late=True, reject_on_worker_lost=True)  # type: ignore[untyped-decorator]
    def try_input(payload: dict[str, Any]) -> dict[str, Any]:
        request = TryRequest.model_validate(payload)
        # Counted like grades: an input that kills workers is not handed to a third one.
        delivery = count_delivery(counter, request.request_id)
        if delivery > MAX_DELIVERIES:
            log.warning("custom input %s delivered %d times: not run again", request.request_id, delivery)
            return TryResponse(request_id=request.request_id, worker=worker_name, delivery=delivery,
                               interrupted="Running your input was interrupted twice on our side; please retry."
                               ).model_dump()
        try:
            challenge = grader.catalog.get(request.challenge_id)
            result = run_custom_input(grader.sandbox, challenge, request.code, request.arguments,
                                      limits=challenge_limits(challenge))
        except UnknownChallengeError as unknown:
            return TryResponse(request_id=request.request_id, worker=worker_name, delivery=delivery,
                               interrupted=str(unknown)).model_dump()
        except QueueFullError:
            return TryResponse(request_id=request.request_id, worker=worker_name, delivery=delivery,
                               interrupted="Every sandbox slot of the worker was busy; retry in a few seconds."
                               ).model_dump()
        return TryResponse(request_id=request.request_id, result=result.model_dump(), worker=worker_name,
                           delivery=delivery).model_dump()


def run_worker(*, slots: int, environ: dict[str, str], visibility_timeout_seconds: float) -> int:
    """Start the sandbox, announce its isolation level, and consume grading jobs until stopped."""
    broker_url = check_environment(environ)
    catalog = load_catalog()
    celery = create_celery(broker_url, visibility_timeout_seconds=visibility_timeout_seconds)
    counter = redis.Redis.from_url(redis_client_url(broker_url))
    with Sandbox(slots=slots, queue_size=slots * 2) as sandbox:
        log.info("ArrayDojo worker: %d challenges, sandbox isolation %s with %d slots, broker %s",
                 len(catalog), sandbox.isolation, sandbox.slots, _redacted(broker_url))
        grader = Grader(catalog, sandbox)
        register_grading(celery, grader=grader, counter=counter)
        register_custom_input(celery, grader=grader, counter=counter)
        # Threads, not processes: the sandbox pool already isolates each job in its own process,
        # and one grader per worker keeps the per-challenge caches warm for every thread.
        celery.worker_main(["worker", "--pool=threads", f"--concurrency={slots}", f"--queues={GRADING_QUEUE}",
                            "--without-gossip", "--without-mingle", "--loglevel=INFO",
                            f"--hostname=arraydojo-{socket.gethostname()}-{os.getpid()}"])
    return 0


def _redacted(url: str) -> str:
    """The broker URL without its password, for the start-up log line."""
    scheme, _, rest = url.partition("://")
    if "@" not in rest:
        return url
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
