"""Per-client token buckets: session creation and snapshots answer 429 with Retry-After past their rate."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from starlette.requests import Request

from app.config import Settings
from app.errors import TooManyRequestsError
from app.rate_limit import MemoryBucketStore, Rate, build_rate_limiter, client_address
from tests._server import ServerProcess

SIGNUPS = 3
BURST = 3


def test_a_bucket_allows_its_burst_then_says_how_long_to_wait() -> None:
    store, rate = MemoryBucketStore(), Rate(burst=3, refill_per_second=0.5)
    assert [store.take("a", rate, 0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert store.take("a", rate, 0.0) == pytest.approx(2.0)
    assert store.take("a", rate, 1.0) == pytest.approx(1.0)  # half a token back after 1 s
    assert store.take("a", rate, 2.0) == 0.0  # one whole token after 2 s


def test_a_bucket_refills_to_its_burst_and_no_further() -> None:
    store, rate = MemoryBucketStore(), Rate(burst=2, refill_per_second=1.0)
    store.take("a", rate, 0.0)
    assert [store.take("a", rate, 1e6) for _ in range(3)] == [0.0, 0.0, pytest.approx(1.0)]


def test_clients_have_buckets_of_their_own() -> None:
    store, rate = MemoryBucketStore(), Rate(burst=1, refill_per_second=0.01)
    assert store.take("a", rate, 0.0) == 0.0
    assert store.take("a", rate, 0.0) > 0
    assert store.take("b", rate, 0.0) == 0.0


def test_a_flood_of_addresses_cannot_grow_the_store_without_end() -> None:
    store, rate = MemoryBucketStore(max_keys=100), Rate(burst=1, refill_per_second=1.0)
    for i in range(10_000):
        store.take(f"2001:db8::{i:x}", rate, 0.0)
    assert len(store) == 100


def test_refused_requests_do_not_go_into_debt() -> None:
    store, rate = MemoryBucketStore(), Rate(burst=1, refill_per_second=1.0)
    store.take("a", rate, 0.0)
    for _ in range(100):
        store.take("a", rate, 0.0)  # hammering while refused
    assert store.take("a", rate, 1.0) == 0.0


def request_from(host: str, session_id: str = "") -> Request:
    return Request({"type": "http", "method": "POST", "path": "/", "headers": [], "query_string": b"",
                    "client": (host, 1234), "path_params": {"session_id": session_id}})


@pytest.mark.parametrize(("first", "second", "same"), [
    ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", True),  # one /64: one subscriber
    ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
    ("::ffff:192.0.2.1", "192.0.2.1", True),
    ("192.0.2.1", "192.0.2.2", False),
])
def test_an_ipv6_client_is_counted_by_its_64(first: str, second: str, same: bool) -> None:
    assert (client_address(request_from(first)) == client_address(request_from(second))) is same


def test_flooding_one_limit_with_new_keys_does_not_reset_another() -> None:
    limiter = build_rate_limiter(Settings(session_creates_burst=1), lambda name: MemoryBucketStore(max_keys=10))
    limiter.check("session_create", request_from("192.0.2.7"))
    for i in range(100):  # made-up session ids: a new snapshot bucket each
        limiter.check("snapshot", request_from("192.0.2.7", session_id=f"s{i}"))
    with pytest.raises(TooManyRequestsError):
        limiter.check("session_create", request_from("192.0.2.7"))


# Against a real server.

@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("ratelimit")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", session_creates_burst=str(BURST),
                            session_create_seconds="60", snapshots_per_minute="12", signups_burst=str(SIGNUPS),
                            signup_seconds="60").start()
    yield running
    running.stop()


def sign_up_from(client: httpx.Client) -> httpx.Response:
    return client.post("/api/accounts", json={"email": f"i-{uuid.uuid4().hex[:12]}@example.com",
                                              "password": "correct horse battery staple", "display_name": "Ada"})


def test_sign_ups_are_limited_per_client_with_retry_after(limited_server: ServerProcess) -> None:
    with client_from(limited_server, "127.0.0.21") as client:
        statuses = [sign_up_from(client).status_code for _ in range(SIGNUPS + 2)]
        assert statuses == [201] * SIGNUPS + [429] * 2
        refused = sign_up_from(client)
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert f"{SIGNUPS} at once" in refused.json()["error"]["message"]
    with client_from(limited_server, "127.0.0.22") as elsewhere:  # another address has its own allowance
        assert sign_up_from(elsewhere).status_code == 201


def test_a_new_cookie_does_not_buy_new_sign_ups(limited_server: ServerProcess) -> None:
    statuses = []
    for _ in range(SIGNUPS + 1):
        with client_from(limited_server, "127.0.0.23") as fresh_browser:
            statuses.append(sign_up_from(fresh_browser).status_code)
    assert statuses[-1] == 429


def client_from(server: ServerProcess, address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127/8 address is loopback on Linux)."""
    return httpx.Client(base_url=server.url, timeout=30, transport=httpx.HTTPTransport(local_address=address))


def create(client: httpx.Client) -> httpx.Response:
    return client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})


def test_session_creation_is_limited_per_client_with_retry_after(limited_server: ServerProcess) -> None:
    with client_from(limited_server, "127.0.0.11") as client:
        statuses = [create(client).status_code for _ in range(BURST + 5)]
        assert statuses == [201] * BURST + [429] * 5
        refused = create(client)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        error = refused.json()["error"]
        assert error["code"] == "too_many_requests"
        assert f"{BURST} at once" in error["message"]
        assert refused.headers["x-content-type-options"] == "nosniff"
        page = client.post("/sessions/new", data={"pick": "list", "challenges": "softmax", "duration_minutes": "30"})
        assert page.status_code == 429
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["retry-after"]


def test_another_client_address_has_its_own_allowance(limited_server: ServerProcess) -> None:
    with client_from(limited_server, "127.0.0.12") as first, client_from(limited_server, "127.0.0.13") as second:
        assert [create(first).status_code for _ in range(BURST + 1)][-1] == 429
        assert create(second).status_code == 201


def test_a_new_cookie_does_not_buy_a_new_allowance(limited_server: ServerProcess) -> None:
    statuses = []
    for _ in range(BURST + 1):
        with client_from(limited_server, "127.0.0.14") as fresh_profile:
            statuses.append(create(fresh_profile).status_code)
    assert statuses[-1] == 429


def test_snapshots_are_limited_per_client_and_session(limited_server: ServerProcess) -> None:
    with client_from(limited_server, "127.0.0.15") as client:
        session = create(client).json()
        auth = {"Authorization": f"Bearer {session['interviewer_token']}"}
        assert client.post(f"/api/sessions/{session['id']}/start", headers=auth).status_code == 200
        candidate = {"Authorization": f"Bearer {session['candidate_token']}"}
        url = f"/api/sessions/{session['id']}/snapshots"
        statuses = [client.post(url, json={"challenge": "softmax", "code": f"# {i}"}, headers=candidate).status_code
                    for i in range(5)]
        assert statuses[:2] == [200, 200]  # 12 a minute: a burst of 2
        assert statuses[2:] == [429] * 3
        refused = client.post(url, json={"challenge": "softmax", "code": "#"}, headers=candidate)
        assert "Try again in" in refused.json()["error"]["message"]
        assert int(refused.headers["retry-after"]) >= 1
