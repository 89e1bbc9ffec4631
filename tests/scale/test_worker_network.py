"""A grading worker in a network namespace of its own: it reaches Redis (a Unix socket) and not PostgreSQL."""

from __future__ import annotations

import glob
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from app.broker import GradeRequest, create_celery, read_response, send_grade
from tests._services import PostgresServer, RedisServer
from tests.scale._worker import WorkerProcess, connect_from_namespace, why_no_network_namespace

REFERENCE = (Path(__file__).resolve().parents[2] / "challenges" / "softmax" / "reference.py").read_text()

pytestmark = pytest.mark.skipif(why_no_network_namespace() is not None,
                                reason=f"no network namespace for the worker: {why_no_network_namespace()}")


@pytest.fixture
def fenced_worker(redis_server: RedisServer, tmp_path: Path) -> Iterator[WorkerProcess]:
    running = WorkerProcess(redis_server.socket_url, tmp_path / "worker.log", own_network=True).start()
    yield running
    running.stop()


@pytest.mark.slow
def test_worker_cant_reach_postgresql_and_still_grades(postgres: PostgresServer, redis_server: RedisServer,
                                                        fenced_worker: WorkerProcess) -> None:
    assert fenced_worker.process is not None
    pid = fenced_worker.process.pid
    # The probe works: from outside, the database's port answers; from inside, the broker's socket does.
    assert connect_from_namespace(os.getpid(), host="127.0.0.1", port=postgres.port) == "connected"
    assert connect_from_namespace(pid, unix_path=str(redis_server.socket_path)) == "connected"
    # From the worker's namespace, the database's port has no route, and neither has Redis's TCP port.
    assert connect_from_namespace(pid, host="127.0.0.1", port=postgres.port) != "connected"
    assert connect_from_namespace(pid, host="127.0.0.1", port=redis_server.port) != "connected"
    # And PostgreSQL has no Unix socket a shared filesystem could hand over.
    assert postgres.folder is not None
    assert not list(postgres.folder.rglob(f".s.PGSQL.{postgres.port}"))
    assert not glob.glob(f"/var/run/postgresql/.s.PGSQL.{postgres.port}")  # Debian's default socket folder

    client: Celery = create_celery(redis_server.url, visibility_timeout_seconds=3)
    try:
        request = GradeRequest(attempt_id=uuid.uuid4().hex, challenge_id="softmax", code=REFERENCE, mode="run")
        send_grade(client, request)
        response = read_response(client, request.attempt_id, timeout_seconds=60)
    finally:
        client.close()
    assert response.report is not None, fenced_worker.log()
    assert response.report["verdict"] == "accepted"
