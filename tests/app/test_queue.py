"""A full sandbox queue answers 503 with Retry-After; a waiting grade knows its position."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests._server import ServerProcess

# Sleeps while loading (wall time, not CPU), so the grade holds its slot for a couple of seconds.
SLOW = "import time\ntime.sleep(2.5)\n\ndef softmax(z, axis=-1):\n    return z\n"


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("small")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", slots="1", queue_size="1").start()
    yield running
    running.stop()


def wait_for_state(client: httpx.Client, ticket: str, state: str, timeout_seconds: float = 10) -> dict[str, object]:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        status: dict[str, object] = client.get(f"/api/queue/{ticket}").json()
        if status["state"] == state:
            return status
        time.sleep(0.05)
    raise AssertionError(f"ticket {ticket} never reached {state}")


@pytest.mark.slow
def test_a_full_queue_answers_503_with_retry_after_and_positions(small_server: ServerProcess, tmp_path: Path) -> None:
    responses: dict[str, httpx.Response] = {}

    def post(name: str) -> None:
        with small_server.client() as client:
            responses[name] = client.post("/api/challenges/softmax/run", json={"code": SLOW},
                                          headers={"x-grade-ticket": name})

    with small_server.client() as client:
        first = threading.Thread(target=post, args=("first-ticket",))
        first.start()
        wait_for_state(client, "first-ticket", "running")
        second = threading.Thread(target=post, args=("second-ticket",))
        second.start()
        queued = wait_for_state(client, "second-ticket", "queued")
        assert queued["position"] == 1
        health = client.get("/healthz").json()
        assert (health["in_flight"], health["queue_depth"], health["capacity"]) == (2, 1, 2)

        busy = client.post("/api/challenges/softmax/run", json={"code": SLOW})
        assert busy.status_code == 503
        assert int(busy.headers["retry-after"]) >= 1
        assert busy.headers["x-queue-position"] == "2"
        error = busy.json()["error"]
        assert error["code"] == "busy"
        assert error["position"] == 2
        assert "retry" in error["message"]

        first.join()
        second.join()
    assert responses["first-ticket"].status_code == 200
    assert responses["second-ticket"].status_code == 200
    assert responses["second-ticket"].json()["verdict"] == "wrong_answer"


@pytest.mark.slow
def test_a_busy_page_fetch_gets_the_position_in_headers(small_server: ServerProcess) -> None:
    def post() -> None:
        with small_server.client() as client:
            client.post("/api/challenges/softmax/run", json={"code": SLOW})

    threads = [threading.Thread(target=post) for _ in range(2)]
    with small_server.client() as client:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while client.get("/healthz").json()["in_flight"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        response = client.post("/challenges/softmax/run", json={"code": SLOW}, headers={"x-fragment": "results"})
        assert response.status_code == 503
        assert response.headers["x-queue-position"] == "2"
        assert "error-box" in response.text
    for thread in threads:
        thread.join()
