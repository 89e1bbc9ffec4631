"""Wake-ups across web hosts through Redis pub/sub: a write on host A wakes a waiter on host B at once.

The hosts' safety poll is set to a minute, so an event that arrives within seconds was delivered by
the wake-up, not by the poll. With Redis down, the same views fall back to the fast poll.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import httpx
import pytest
import redis

from app import collab
from app.collab import utf16_length
from app.wakeups import RedisWakeups
from tests._server import ServerProcess, running_hosts
from tests._services import RedisServer, free_port

SAFETY_POLL_SECONDS = 60.0
# Well under the safety poll: arriving within this proves the wake-up delivered the event.
PROMPT_SECONDS = 15.0


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A Redis of this test's own: it is stopped and started again mid-test."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def two_hosts(postgres_url: str, own_redis: RedisServer, tmp_path: Path) -> Iterator[list[ServerProcess]]:
    settings = {"broker_url": own_redis.url, "wakeup_poll_seconds": str(SAFETY_POLL_SECONDS),
                "stream_poll_seconds": "0.25", "collab_wait_seconds": "50"}
    with running_hosts(postgres_url, tmp_path, **settings) as hosts:
        yield hosts


class Stream:
    """Reads one live stream in a thread, noting when each event kind first arrived."""

    def __init__(self, url: str, token: str) -> None:
        self.arrivals: list[tuple[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(url, token), daemon=True)
        self._thread.start()

    def _read(self, url: str, token: str) -> None:
        try:
            with httpx.Client(timeout=httpx.Timeout(30, read=120)) as client, \
                    client.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as response:
                for line in response.iter_lines():
                    if line.startswith("event: "):
                        self.arrivals.append((line.removeprefix("event: "), time.monotonic()))
                    if self._stop.is_set():
                        return
        except httpx.TransportError:
            return  # the host stopped at the end of the test; a drop mid-test shows as a missing event

    def count(self, kind: str) -> int:
        return sum(seen == kind for seen, _ in self.arrivals)

    def seconds_until(self, kind: str, nth: int, since: float, timeout_seconds: float = 90) -> float:
        """How long after `since` the nth event of `kind` arrived (waits for it)."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            times = [at for seen, at in self.arrivals if seen == kind]
            if len(times) >= nth:
                return times[nth - 1] - since
            time.sleep(0.02)
        raise AssertionError(f"no {kind!r} #{nth} within {timeout_seconds} s; saw {self.arrivals}")

    def close(self) -> None:
        self._stop.set()


def _start_session(host: ServerProcess) -> dict[str, str]:
    with host.client() as client:
        created = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30,
                                                     "candidate_may_start": True})
        assert created.status_code == 201, created.text
        session: dict[str, str] = created.json()
        started = client.post(f"/api/sessions/{session['id']}/start",
                              headers={"Authorization": f"Bearer {session['candidate_token']}"})
        assert started.status_code == 200, started.text
    return session


def _follow_up(host: ServerProcess, session: dict[str, str], text: str) -> float:
    """Post a follow-up as the interviewer; returns when it was stored."""
    with host.client() as client:
        posted = client.post(f"/api/sessions/{session['id']}/followups", json={"text": text},
                             headers={"Authorization": f"Bearer {session['interviewer_token']}"})
    assert posted.status_code == 200, posted.text
    return time.monotonic()


@pytest.mark.slow
def test_event_on_one_host_wakes_the_stream_on_another_and_survives_a_redis_restart(
        two_hosts: list[ServerProcess], own_redis: RedisServer) -> None:
    host_a, host_b = two_hosts
    session = _start_session(host_b)
    stream = Stream(f"{host_a.url}/api/sessions/{session['id']}/events", session["candidate_token"])
    try:
        stream.seconds_until("clock", 1, time.monotonic())  # the stream has read once and is waiting
        time.sleep(1)  # ...and its safety poll is a minute away
        assert stream.seconds_until("followup", 1, _follow_up(host_b, session, "Why max?")) < PROMPT_SECONDS

        own_redis.pause()  # no wake-ups now: host A must notice and poll the database fast
        time.sleep(2)
        assert stream.seconds_until("followup", 2, _follow_up(host_b, session, "And log-softmax?")) < PROMPT_SECONDS

        own_redis.start()  # back (empty): the hosts listen again, and wake-ups deliver again
        time.sleep(3)
        assert stream.seconds_until("followup", 3, _follow_up(host_b, session, "Now in float16?")) < PROMPT_SECONDS
    finally:
        stream.close()
    assert "wake-ups through Redis lost" in host_a.log()


@pytest.mark.slow
def test_push_on_one_host_answers_a_waiting_pull_on_another(two_hosts: list[ServerProcess]) -> None:
    host_a, host_b = two_hosts
    session = _start_session(host_b)
    interviewer = {"Authorization": f"Bearer {session['interviewer_token']}"}
    candidate = {"Authorization": f"Bearer {session['candidate_token']}"}
    updates = f"/api/sessions/{session['id']}/updates"
    with httpx.Client(base_url=host_b.url, timeout=90) as on_b, host_a.client() as on_a:
        first = on_b.get(updates, params={"challenge": "softmax", "version": 0}, headers=interviewer)
        assert first.status_code == 200, first.text
        stamp = first.json()["presence_stamp"]
        answer: dict[str, object] = {}

        def wait_on_b() -> None:
            pulled = on_b.get(updates, params={"challenge": "softmax", "version": 0, "wait": "true",
                                               "presence": stamp}, headers=interviewer)
            answer["at"], answer["body"] = time.monotonic(), pulled.json()

        waiter = threading.Thread(target=wait_on_b)
        waiter.start()
        time.sleep(1.5)  # the pull is waiting on host B (collab_wait_seconds is 50)
        state = on_a.get(f"/api/sessions/{session['id']}", headers=candidate).json()
        length = utf16_length(collab.normalize_line_breaks(state["challenges"][0]["starter"]))
        pushed = on_a.post(updates, json={"challenge": "softmax", "version": 0, "updates": [
            {"clientID": "candidate-tab", "changes": [[0, "# thinking", ""], length]}]}, headers=candidate)
        assert pushed.status_code == 200, pushed.text
        stored = time.monotonic()
        waiter.join(timeout=90)
    body = answer["body"]
    assert isinstance(body, dict)
    assert [update["version"] for update in body["updates"]] == [1]
    assert float(answer["at"]) - stored < PROMPT_SECONDS  # type: ignore[arg-type]


# The Redis channel itself, between two Wakeups as two hosts hold them.

def _run_in_own_thread(scenario: Callable[[], Awaitable[bool]]) -> bool:
    """A fresh thread for the event loop: a browser test earlier in the session may leave one in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, scenario).result()


def _redis_wakeups(url: str) -> RedisWakeups:
    client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=1)
    return RedisWakeups(client, safety_poll_seconds=SAFETY_POLL_SECONDS)


def test_a_notify_on_one_host_wakes_a_waiter_on_another(redis_server: RedisServer) -> None:
    host_a, host_b = _redis_wakeups(redis_server.url), _redis_wakeups(redis_server.url)
    host_a.start()
    host_b.start()

    async def scenario() -> bool:
        deadline = time.monotonic() + 10
        while not (host_a.is_shared and host_b.is_shared) and time.monotonic() < deadline:
            await anyio.sleep(0.02)
        await anyio.sleep(0.2)  # both listen, and the "read again" each gives on subscribing has passed
        with host_b.watching("session:s1") as watch:
            host_a.notify(["session:s1"])
            with anyio.fail_after(PROMPT_SECONDS):
                return await watch.wait(fast_poll_seconds=0.01)  # polls once a minute while shared

    try:
        assert _run_in_own_thread(scenario) is True
    finally:
        host_a.close()
        host_b.close()


def test_without_redis_waiters_poll_at_the_fast_rate() -> None:
    offline = _redis_wakeups(f"redis://127.0.0.1:{free_port()}/0")
    offline.start()
    try:
        time.sleep(0.5)
        assert not offline.is_shared
        assert offline.poll_seconds(0.25) == 0.25
    finally:
        offline.close()


@pytest.mark.slow
def test_a_stream_on_the_slow_poll_does_not_hold_up_a_stopping_host(two_hosts: list[ServerProcess]) -> None:
    host = two_hosts[0]
    session = _start_session(host)
    with host.client() as api, api.stream("GET", f"/api/sessions/{session['id']}/events",
                                          headers={"Authorization": f"Bearer {session['interviewer_token']}"}
                                          ) as response:
        assert response.status_code == 200
        lines = response.iter_lines()  # held: a dropped iterator closes the connection, and the server sees that
        next(lines)
        time.sleep(1)  # the stream is waiting out its one-minute safety poll
        began = time.monotonic()
        host.stop()
        stopped_seconds = time.monotonic() - began
        lines.close()
    # Within the 10 s shutdown grace, which otherwise cuts the stream off (and logs that it had to).
    assert stopped_seconds < 5, f"the host took {stopped_seconds:.1f} s to stop with a stream open"
    assert "timeout graceful shutdown exceeded" not in host.log()
