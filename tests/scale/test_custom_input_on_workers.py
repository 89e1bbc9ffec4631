"""Custom input (`/try`) on a web host with a broker: run on a worker host, answered as in one process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests._server import ServerProcess
from tests._services import RedisServer
from tests.scale._worker import WorkerProcess, why_no_network_namespace

VECTORIZED = (Path(__file__).resolve().parents[1] / "challenges" / "solutions" / "softmax"
              / "accepted__vectorized.py").read_text()
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.exp(z)\n"
INPUT = "np.array([[1.0, 2.0, 3.0]]), axis=-1"


@pytest.fixture
def web_and_worker(redis_server: RedisServer, tmp_path: Path) -> Iterator[ServerProcess]:
    redis.Redis.from_url(redis_server.url).flushdb()
    fenced = why_no_network_namespace() is None
    worker = WorkerProcess(redis_server.socket_url if fenced else redis_server.url, tmp_path / "worker.log",
                           own_network=fenced).start()
    host = ServerProcess(tmp_path / "db.sqlite3", tmp_path / "web.log", broker_url=redis_server.url,
                         broker_wait_seconds="60")
    try:
        yield host.start()
    finally:
        host.stop()
        worker.stop()


@pytest.mark.slow
def test_custom_input_runs_on_a_worker_and_keeps_nothing(web_and_worker: ServerProcess,
                                                         redis_server: RedisServer) -> None:
    with web_and_worker.client() as client:
        right = client.post("/api/challenges/softmax/try", json={"code": VECTORIZED, "arguments": INPUT})
        wrong = client.post("/api/challenges/softmax/try", json={"code": WRONG, "arguments": INPUT})
        unreadable = client.post("/api/challenges/softmax/try",
                                 json={"code": VECTORIZED, "arguments": "__import__('os')"})
    assert right.status_code == 200, right.text
    assert right.json()["matches"] is True
    assert "0.665241" in right.json()["reference"]
    assert wrong.status_code == 200, wrong.text
    assert wrong.json()["matches"] is False
    assert unreadable.status_code == 200, unreadable.text
    assert unreadable.json()["input_error"]
    # The answers were read and dropped: no try's code or output waits in Redis.
    leftovers = list(redis.Redis.from_url(redis_server.url).scan_iter("celery-task-meta-*"))
    assert leftovers == []
