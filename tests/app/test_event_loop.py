"""Nothing blocks the event loop: a held database write lock stalls only the requests that must write."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._server import ServerProcess


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("loop")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log").start()
    yield running
    running.stop()


@pytest.mark.parametrize("blocked", [
    ("PUT", "/api/drafts/softmax", {"code": "x = 1\n"}),
    ("POST", "/api/progress/import", {"format": "arraydojo-progress", "version": 1,
                                      "exported_at": "2026-01-01T00:00:00Z",
                                      "drafts": [{"challenge": "softmax", "code": "x = 2\n",
                                                  "updated_at": "2026-01-01T00:00:00Z"}]}),
    ("POST", "/api/sessions", {"challenges": ["softmax"], "duration_minutes": 30}),
])
def test_a_held_write_lock_does_not_stall_health_or_pages(sqlite_server: ServerProcess,
                                                         blocked: tuple[str, str, dict[str, object]]) -> None:
    database = sqlite_server.database
    assert isinstance(database, Path)
    holder = sqlite3.connect(database, isolation_level=None, timeout=30)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, held by someone else
    writer_done = threading.Event()

    def write() -> None:
        method, path, body = blocked
        with sqlite_server.client() as client:
            client.request(method, path, json=body)
        writer_done.set()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with sqlite_server.client() as client:
            for _ in range(3):  # while the write waits on the lock, the loop still serves everyone else
                assert client.get("/healthz").status_code == 200
                assert client.get("/challenges/softmax").status_code == 200
        assert not writer_done.is_set(), "the write did not wait for the lock: the test proves nothing"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        writer.join(timeout=60)
    assert writer_done.is_set()
