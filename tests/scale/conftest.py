"""Fixtures the worker tests share: a Celery client on the test Redis, and one real worker process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from app.broker import create_celery
from tests._services import RedisServer
from tests.scale._worker import WorkerProcess


@pytest.fixture
def celery_client(redis_server: RedisServer) -> Iterator[Celery]:
    client = create_celery(redis_server.url, visibility_timeout_seconds=3)
    yield client
    client.close()


@pytest.fixture
def worker(redis_server: RedisServer, tmp_path: Path) -> Iterator[WorkerProcess]:
    running = WorkerProcess(redis_server.url, tmp_path / "worker.log").start()
    yield running
    running.stop()
