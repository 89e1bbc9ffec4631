"""Grading on worker hosts: real Redis, real `arraydojo worker` processes, real sandbox jobs."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery

from app.broker import DELIVERIES_KEY, GradeRequest, read_response, send_grade
from tests._services import RedisServer
from tests.scale._worker import ARRAYDOJO, WorkerProcess

SOLUTIONS = Path(__file__).resolve().parents[1] / "challenges" / "solutions"
REFERENCE = (Path(__file__).resolve().parents[2] / "challenges" / "softmax" / "reference.py").read_text()
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.exp(z)\n"
# Correct, but slow enough to be caught mid-grade by a kill.
SLOW = REFERENCE.replace("import numpy as np", "import time\nimport numpy as np", 1) + \
    "\n_reference = softmax\n\ndef softmax(z, axis=-1):\n    time.sleep(0.4)\n    return _reference(z, axis)\n"


def _request(code: str, mode: str = "run") -> GradeRequest:
    return GradeRequest(attempt_id=uuid.uuid4().hex, challenge_id="softmax", code=code, mode=mode)  # type: ignore[arg-type]


@pytest.mark.slow
def test_worker_grades_correct_and_wrong_code(celery_client: Celery, worker: WorkerProcess) -> None:
    right, wrong = _request(REFERENCE), _request(WRONG)
    send_grade(celery_client, right)
    send_grade(celery_client, wrong)
    right_response = read_response(celery_client, right.attempt_id, timeout_seconds=60)
    wrong_response = read_response(celery_client, wrong.attempt_id, timeout_seconds=60)
    assert right_response.report is not None
    assert right_response.report["verdict"] == "accepted"
    assert wrong_response.report is not None
    assert wrong_response.report["verdict"] == "wrong_answer"
    assert right_response.delivery == 1
    assert "isolation" in worker.log()


@pytest.mark.slow
def test_job_of_a_killed_worker_is_delivered_again(celery_client: Celery, redis_server: RedisServer,
                                                   tmp_path: Path) -> None:
    first = WorkerProcess(redis_server.url, tmp_path / "first.log").start()
    request = _request(SLOW)
    send_grade(celery_client, request)
    deadline = time.monotonic() + 30
    while f"[{request.attempt_id}] received" not in first.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    first.kill()  # mid-grade: the message was never acknowledged
    second = WorkerProcess(redis_server.url, tmp_path / "second.log").start()
    try:
        response = read_response(celery_client, request.attempt_id, timeout_seconds=60)
    except Exception as exc:
        raise AssertionError(f"{exc}\nfirst worker:\n{first.log()}\nsecond worker:\n{second.log()}") from exc
    finally:
        second.stop()
    assert response.report is not None
    assert response.report["verdict"] == "accepted"
    assert response.delivery == 2


@pytest.mark.slow
def test_a_job_is_graded_at_most_twice(celery_client: Celery, redis_server: RedisServer,
                                       worker: WorkerProcess) -> None:
    request = _request(REFERENCE)
    redis.Redis.from_url(redis_server.url).set(DELIVERIES_KEY.format(attempt_id=request.attempt_id), 2)
    send_grade(celery_client, request)
    response = read_response(celery_client, request.attempt_id, timeout_seconds=60)
    assert response.report is None
    assert response.interrupted is not None
    assert "retry" in response.interrupted


@pytest.mark.parametrize("variable", ["ARRAYDOJO_DATABASE_URL", "DATABASE_URL"])
def test_worker_with_a_database_url_refuses_to_start(redis_server: RedisServer, tmp_path: Path,
                                                     variable: str) -> None:
    env = WorkerProcess(redis_server.url, tmp_path / "w.log", **{variable: "sqlite:////tmp/users.db"}).environment()
    finished = subprocess.run([str(ARRAYDOJO), "worker", "--slots", "1"], env=env, capture_output=True, text=True,
                              timeout=60)
    assert finished.returncode == 2
    assert "refusing to start" in finished.stderr
    assert variable in finished.stderr


def test_worker_without_a_broker_says_what_to_set(tmp_path: Path) -> None:
    env = WorkerProcess("", tmp_path / "w.log").environment()
    finished = subprocess.run([str(ARRAYDOJO), "worker"], env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2
    assert "ARRAYDOJO_BROKER_URL" in finished.stderr
