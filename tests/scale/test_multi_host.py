"""Two web hosts and two grading workers on PostgreSQL and Redis; hosts die mid-run and nothing is lost."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
import sqlalchemy as sa

from tests._server import ServerProcess
from tests._services import RedisServer
from tests.scale._worker import WorkerProcess, connect_from_namespace, why_no_network_namespace

REFERENCE = (Path(__file__).resolve().parents[2] / "challenges" / "softmax" / "reference.py").read_text()
WRONG = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.exp(z)\n"
CLIENTS = 40


def _code(number: int) -> tuple[str, str]:
    """Client `number`'s code, marked with the verdict it must get (read back from the database)."""
    verdict = "accepted" if number % 2 == 0 else "wrong_answer"
    body = REFERENCE if verdict == "accepted" else WRONG
    return f"# client {number}, expect {verdict}\n{body}", verdict


@dataclass
class Fleet:
    hosts: list[ServerProcess]
    workers: list[WorkerProcess]

    def stop(self) -> None:
        for host in self.hosts:
            host.stop()
        for worker in self.workers:
            worker.stop()


@pytest.fixture
def fleet(postgres_url: str, redis_server: RedisServer, tmp_path: Path) -> Iterator[Fleet]:
    redis.Redis.from_url(redis_server.url).flushdb()
    settings = {"broker_url": redis_server.url, "broker_visibility_seconds": "3", "broker_wait_seconds": "20",
                "broker_slots": "2", "queue_size": "64", "queue_share": "8", "session_sweep_seconds": "0.5"}
    hosts = [ServerProcess(postgres_url, tmp_path / f"web-{n}.log", **settings) for n in (1, 2)]
    # Workers in network namespaces of their own where the machine allows: Redis through its Unix socket,
    # no route to PostgreSQL (test_worker_network.py proves the fence; without it they run on loopback).
    fenced = why_no_network_namespace() is None
    workers = [WorkerProcess(redis_server.socket_url if fenced else redis_server.url, tmp_path / f"worker-{n}.log",
                             own_network=fenced) for n in (1, 2)]
    running = Fleet(hosts, workers)
    try:
        for host in hosts:
            host.start()
        for worker in workers:
            worker.start()
            if fenced:  # the fence holds: from the worker's namespace, PostgreSQL's port is unreachable
                assert worker.process is not None
                port = sa.engine.make_url(postgres_url).port or 5432
                assert connect_from_namespace(worker.process.pid, host="127.0.0.1", port=port) != "connected"
        yield running
    finally:
        running.stop()


def _statuses(postgres_url: str) -> list[sa.Row[tuple[int, str, str | None, str]]]:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text("SELECT id, status, verdict, code FROM attempts ORDER BY id")))
    finally:
        engine.dispose()


@pytest.mark.slow
def test_killing_a_worker_and_a_web_host_loses_no_attempt(fleet: Fleet, postgres_url: str, tmp_path: Path) -> None:
    answers: dict[int, tuple[int, str]] = {}  # client -> (HTTP status, verdict it was told)
    lock = threading.Lock()

    def submit(number: int) -> None:
        code, _ = _code(number)
        host = fleet.hosts[number % 2]
        try:
            with httpx.Client(base_url=host.url, timeout=90) as client:
                response = client.post("/api/challenges/softmax/run", json={"code": code})
            outcome = (response.status_code, response.json().get("verdict", "") if response.status_code == 200 else "")
        except httpx.TransportError:
            outcome = (0, "")  # the host died under this request
        with lock:
            answers[number] = outcome

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(CLIENTS)]
    for index, thread in enumerate(threads):
        thread.start()
        if index == CLIENTS // 3:
            fleet.workers[0].kill()  # a grading host loses power mid-run...
            fleet.hosts[0].kill()  # ...and so does a web host
        time.sleep(0.05)
    time.sleep(2)
    fleet.workers[0].start()
    fleet.hosts[0].start()
    for thread in threads:
        thread.join(timeout=180)

    deadline = time.monotonic() + 90
    rows = _statuses(postgres_url)
    while any(row.status == "grading" for row in rows) and time.monotonic() < deadline:
        time.sleep(0.5)
        rows = _statuses(postgres_url)
    assert not [row.id for row in rows if row.status == "grading"], "attempts left stuck in 'grading'"

    for row in rows:
        expected = re.search(r"expect (\w+)", row.code)
        assert expected is not None
        assert row.status in ("graded", "interrupted"), row
        if row.status == "graded":
            assert row.verdict == expected[1], row
    # Every request the surviving host answered was graded right; every client that got a 200 has its row.
    for number, (status, verdict) in answers.items():
        if status == 200:
            assert verdict == _code(number)[1], (number, verdict)
    graded_clients = {int(m[1]) for row in rows if (m := re.search(r"client (\d+)", row.code))}
    assert {n for n, (status, _) in answers.items() if status == 200} <= graded_clients
    assert sum(status == 200 for status, _ in answers.values()) >= CLIENTS // 2

    # No job was graded more than twice, across every worker that ever ran.
    logs = "".join(path.read_text(errors="replace") for path in tmp_path.glob("worker-*.log"))
    graded = Counter(re.findall(r"Task arraydojo\.grade\[(\w+)\] succeeded", logs))
    assert graded, "the workers graded nothing"
    assert max(graded.values()) <= 2, graded.most_common(3)


class EventReader:
    """Reads one live stream in a thread and keeps the kinds of the events it saw."""

    def __init__(self, url: str, token: str) -> None:
        self.kinds: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(url, token), daemon=True)
        self._thread.start()

    def _read(self, url: str, token: str) -> None:
        with httpx.Client(timeout=httpx.Timeout(60, read=5)) as client:
            while not self._stop.is_set():
                try:
                    with client.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as response:
                        for line in response.iter_lines():
                            if line.startswith("event: "):
                                self.kinds.append(line.removeprefix("event: "))
                            if self._stop.is_set():
                                return
                except httpx.TransportError:
                    time.sleep(0.2)

    def wait_for(self, kind: str, timeout_seconds: float = 60) -> None:
        deadline = time.monotonic() + timeout_seconds
        while kind not in self.kinds:
            assert time.monotonic() < deadline, f"no {kind!r} event; saw {self.kinds}"
            time.sleep(0.05)

    def close(self) -> None:
        self._stop.set()


@pytest.mark.slow
def test_an_interview_works_with_candidate_and_interviewer_on_different_hosts(fleet: Fleet) -> None:
    candidate_host, interviewer_host = fleet.hosts
    with httpx.Client(base_url=candidate_host.url, timeout=90) as on_a, \
            httpx.Client(base_url=interviewer_host.url, timeout=90) as on_b:
        created = on_b.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30,
                                                   "candidate_may_start": True})
        assert created.status_code == 201, created.text
        session = created.json()
        candidate = {"Authorization": f"Bearer {session['candidate_token']}"}
        interviewer = {"Authorization": f"Bearer {session['interviewer_token']}"}
        base = f"/api/sessions/{session['id']}"
        watcher = EventReader(f"{interviewer_host.url}{base}/events", session["interviewer_token"])
        listener = EventReader(f"{candidate_host.url}{base}/events", session["candidate_token"])
        try:
            assert on_a.post(f"{base}/start", headers=candidate).status_code == 200
            assert on_a.post(f"{base}/snapshots", json={"challenge": "softmax", "code": "import numpy"},
                             headers=candidate).status_code == 200
            watcher.wait_for("snapshot")  # typing on host A reaches the interviewer on host B
            run = on_a.post(f"{base}/run", json={"challenge": "softmax", "code": WRONG}, headers=candidate)
            assert run.json()["verdict"] == "wrong_answer"
            submitted = on_a.post(f"{base}/submit", json={"challenge": "softmax", "code": REFERENCE},
                                  headers=candidate)
            assert submitted.json()["verdict"] == "accepted"
            watcher.wait_for("submit")
            assert on_b.post(f"{base}/followups", json={"text": "Now log-softmax?"},
                             headers=interviewer).status_code == 200
            listener.wait_for("followup")  # the interviewer's follow-up reaches the candidate on host A
            assert on_b.post(f"{base}/end", headers=interviewer).status_code == 200
            listener.wait_for("ended")
        finally:
            watcher.close()
            listener.close()
        report = on_a.get(f"{base}/report", headers=interviewer)
        assert report.status_code == 200, report.text
        # The run and the submit, plus the final submit the end made of the last typed code.
        verdicts = [attempt["verdict"] for attempt in report.json()["runs"]]
        assert verdicts[:2] == ["wrong_answer", "accepted"], verdicts
