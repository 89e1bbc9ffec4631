"""Rate limits and login limits shared in Redis: two web hosts give one budget, not two."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from app.rate_limit import Rate
from app.shared_limits import PREFIX, RedisBucketStore, RedisWindowLimiter
from tests._server import ServerProcess, running_hosts
from tests._services import RedisServer, free_port
from tests.app._accounts import sign_up

BURST = 3
ATTEMPTS_PER_CLIENT = 4
FAILURES_PER_ACCOUNT = 3


def _client(redis_server: RedisServer) -> redis.Redis:
    return redis.Redis.from_url(redis_server.url)


def test_two_hosts_buckets_share_one_burst(redis_server: RedisServer) -> None:
    host_a, host_b = (RedisBucketStore(_client(redis_server), name="share-test") for _ in range(2))
    rate = Rate(burst=BURST, refill_per_second=0.01)
    taken = [(host_a if n % 2 else host_b).take("192.0.2.1", rate, now=0.0) for n in range(BURST + 2)]
    assert taken[:BURST] == [0.0] * BURST
    assert all(wait > 1 for wait in taken[BURST:])
    assert host_a.take("192.0.2.2", rate, now=0.0) == 0.0  # another key, its own bucket


def test_two_hosts_login_windows_share_one_limit(redis_server: RedisServer) -> None:
    host_a, host_b = (RedisWindowLimiter(_client(redis_server), name="window-test", limit=2, window_seconds=60)
                      for _ in range(2))
    assert host_a.retry_after("ada@example.org") is None
    host_a.hit("ada@example.org")
    host_b.hit("ada@example.org")
    wait = host_b.retry_after("ada@example.org")
    assert wait is not None
    assert 1 <= wait <= 60
    assert host_a.retry_after("ada@example.org") is not None
    host_a.reset("ada@example.org")
    assert host_b.retry_after("ada@example.org") is None


def test_no_email_or_address_is_written_to_redis(redis_server: RedisServer) -> None:
    client = _client(redis_server)
    RedisWindowLimiter(client, name="privacy-test", limit=5, window_seconds=60).hit("grace@example.org")
    RedisBucketStore(client, name="privacy-test").take("198.51.100.7", Rate(burst=2, refill_per_second=1), now=0)
    keys = [key.decode() for key in client.scan_iter(f"{PREFIX}:privacy-test:*")]
    assert len(keys) == 2
    assert not [key for key in keys if "grace" in key or "198.51" in key]


def test_limits_fall_back_to_this_host_when_redis_is_unreachable() -> None:
    gone = redis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=1)
    window = RedisWindowLimiter(gone, name="down", limit=1, window_seconds=60)
    window.hit("ada@example.org")
    assert window.retry_after("ada@example.org") is not None  # still limited, by this host's own count
    bucket = RedisBucketStore(gone, name="down")
    assert bucket.take("192.0.2.1", Rate(burst=1, refill_per_second=0.01), now=0.0) == 0.0
    assert bucket.take("192.0.2.1", Rate(burst=1, refill_per_second=0.01), now=0.0) > 0


# Against two real web hosts on one PostgreSQL and one Redis.

@pytest.fixture
def two_hosts(postgres_url: str, redis_server: RedisServer, tmp_path: Path) -> Iterator[list[ServerProcess]]:
    redis.Redis.from_url(redis_server.url).flushdb()
    settings = {"broker_url": redis_server.url, "session_creates_burst": str(BURST), "session_create_seconds": "600",
                "login_attempts_per_client": str(ATTEMPTS_PER_CLIENT),
                "login_failures_per_account": str(FAILURES_PER_ACCOUNT), "login_window_seconds": "600"}
    with running_hosts(postgres_url, tmp_path, **settings) as hosts:
        yield hosts


def _from(host: ServerProcess, address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127/8 address is loopback on Linux)."""
    return httpx.Client(base_url=host.url, timeout=30, transport=httpx.HTTPTransport(local_address=address))


@pytest.mark.slow
def test_session_creation_budget_is_one_across_two_hosts(two_hosts: list[ServerProcess]) -> None:
    statuses = []
    for number in range(BURST + 2):
        with _from(two_hosts[number % 2], "127.0.0.41") as client:
            statuses.append(client.post("/api/sessions", json={"challenges": ["softmax"],
                                                               "duration_minutes": 30}).status_code)
    assert statuses == [201] * BURST + [429, 429]


@pytest.mark.slow
def test_login_limits_are_one_budget_across_two_hosts(two_hosts: list[ServerProcess]) -> None:
    with two_hosts[0].client() as client:
        account = sign_up(client)
    email = account["email"]
    # Per account: wrong passwords from ever-new addresses, alternating hosts.
    statuses = []
    for number in range(FAILURES_PER_ACCOUNT + 1):
        with _from(two_hosts[number % 2], f"127.0.0.{60 + number}") as client:
            statuses.append(client.post("/api/login", json={"email": email, "password": "wrong password 1"}
                                        ).status_code)
    assert statuses == [401] * FAILURES_PER_ACCOUNT + [429]
    # Per client address: attempts at made-up accounts from one address, alternating hosts.
    statuses = []
    for number in range(ATTEMPTS_PER_CLIENT + 1):
        with _from(two_hosts[number % 2], "127.0.0.42") as client:
            statuses.append(client.post("/api/login", json={"email": f"nobody{number}@example.org",
                                                            "password": "wrong password 1"}).status_code)
    assert statuses == [401] * ATTEMPTS_PER_CLIENT + [429]
