"""Queue admission shared through Redis: one queue and one fair share across web hosts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import redis

from app.admission import Admitted, Refused, SharedAdmission
from tests._services import RedisServer


@pytest.fixture
def client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(redis_server.url)
    connection.flushdb()
    yield connection
    connection.close()


def test_two_hosts_see_one_queue_and_its_positions(client: redis.Redis) -> None:
    host_a = SharedAdmission(client, slots=1, capacity=4, share=4)
    host_b = SharedAdmission(redis.Redis(connection_pool=client.connection_pool), slots=1, capacity=4, share=4)
    assert host_a.admit(ticket="t1", client="alice") == Admitted("t1", 0)
    assert host_b.admit(ticket="t2", client="bob") == Admitted("t2", 1)
    assert host_a.admit(ticket="t3", client="carol") == Admitted("t3", 2)
    assert host_b.status("t3").position == 2
    assert host_b.status("t1").state == "running"
    host_a.release("t1")
    assert host_b.status("t2").state == "running"
    assert host_a.status("t3").position == 1


def test_full_queue_refuses_whoever_asks(client: redis.Redis) -> None:
    admission = SharedAdmission(client, slots=1, capacity=2, share=2)
    assert isinstance(admission.admit(ticket="a", client="x"), Admitted)
    assert isinstance(admission.admit(ticket="b", client="y"), Admitted)
    assert admission.admit(ticket="c", client="z") == Refused("queue_full", 2)


def test_one_client_cannot_hold_more_than_its_share(client: redis.Redis) -> None:
    admission = SharedAdmission(client, slots=2, capacity=10, share=3)
    for number in range(3):
        assert isinstance(admission.admit(ticket=f"greedy-{number}", client="greedy"), Admitted)
    assert admission.admit(ticket="greedy-3", client="greedy") == Refused("client_share", 3)
    assert isinstance(admission.admit(ticket="fair", client="someone-else"), Admitted)
    admission.release("greedy-0")
    assert isinstance(admission.admit(ticket="greedy-4", client="greedy"), Admitted)


def test_tickets_of_a_dead_host_expire(client: redis.Redis) -> None:
    dead_host = SharedAdmission(client, slots=1, capacity=1, share=1, ticket_seconds=0.2)
    assert isinstance(dead_host.admit(ticket="orphan", client="x"), Admitted)
    live_host = SharedAdmission(client, slots=1, capacity=1, share=1)
    assert isinstance(live_host.admit(ticket="late", client="x"), Refused)
    time.sleep(0.3)  # the dead host never released nor kept its ticket alive
    assert isinstance(live_host.admit(ticket="late", client="x"), Admitted)


def test_kept_alive_tickets_do_not_expire(client: redis.Redis) -> None:
    admission = SharedAdmission(client, slots=1, capacity=1, share=1, ticket_seconds=0.3)
    admission.admit(ticket="busy", client="x")
    for _ in range(4):
        time.sleep(0.15)
        admission.keep_alive("busy")
    assert admission.admit(ticket="other", client="y") == Refused("queue_full", 1)


def test_releasing_twice_counts_once(client: redis.Redis) -> None:
    admission = SharedAdmission(client, slots=1, capacity=3, share=1)
    admission.admit(ticket="t", client="x")
    assert admission.release("t") is True
    assert admission.release("t") is False
    assert isinstance(admission.admit(ticket="u", client="x"), Admitted)


def test_concurrent_admissions_never_exceed_capacity(client: redis.Redis) -> None:
    admission = SharedAdmission(client, slots=2, capacity=10, share=10)
    outcomes: list[Admitted | Refused] = []
    lock = threading.Lock()

    def ask(number: int) -> None:
        outcome = admission.admit(ticket=f"t{number}", client=f"c{number % 7}")
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    admitted = [o for o in outcomes if isinstance(o, Admitted)]
    assert len(admitted) == 10
    assert sorted(o.position for o in admitted) == [0, 0, *range(1, 9)]
