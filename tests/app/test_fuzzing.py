"""Schemathesis fuzzes every operation of the app's own OpenAPI document against a real server: no 500s.

The document is the one the server serves (a test checks they are equal); cases are generated from
it, valid and invalid, a bounded number per operation, and sent over loopback. Session operations
get a real session's id and token half of the time, so generated bodies reach past authentication.
The pages, outside the document, get the hostile requests a review sent them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from app.config import Settings
from app.main import create_app
from tests._server import ServerProcess
from tests.app._raw_http import raw_request

DOCUMENT: dict[str, Any] = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT)
# Streams stay open while the session lives: fuzzed with made-up tokens only (answered at once).
STREAMING = {"/api/sessions/{session_id}/events"}
GRADING = r"/(run|submit)$"


@dataclass
class FuzzTarget:
    server: ServerProcess
    session_id: str
    tokens: tuple[str, str]  # the interviewer's, the candidate's
    calls: int = 0


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    folder = tmp_path_factory.mktemp("fuzz")
    # Generous creation limits: the fuzzer creates many sessions from one address on purpose.
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", session_creates_burst="100000",
                            queue_size="64").start()
    with running.client() as client:
        created = client.post("/api/sessions", json={"challenges": ["softmax", "zscore"], "duration_minutes": 60})
        assert created.status_code == 201, created.text
        body = created.json()
        started = client.post(f"/api/sessions/{body['id']}/start",
                              headers={"Authorization": f"Bearer {body['interviewer_token']}"})
        assert started.status_code == 200, started.text
    yield FuzzTarget(running, body["id"], (body["interviewer_token"], body["candidate_token"]))
    running.stop()


@pytest.mark.slow
def test_the_fuzzed_document_is_the_one_the_server_serves(target: FuzzTarget) -> None:
    assert httpx.get(f"{target.server.url}/openapi.json", timeout=30).json() == DOCUMENT


def aim_at_the_real_session(case: schemathesis.Case[Any], target: FuzzTarget) -> dict[str, str]:
    """Every other session case uses the live session and one of its tokens (alternating roles)."""
    target.calls += 1
    path = case.operation.path
    if "session_id" not in (case.path_parameters or {}) or path in STREAMING or target.calls % 2:
        return {}
    assert case.path_parameters is not None
    case.path_parameters["session_id"] = target.session_id
    return {"Authorization": f"Bearer {target.tokens[(target.calls // 2) % 2]}"}


def call_and_check(case: schemathesis.Case[Any], target: FuzzTarget) -> None:
    headers = aim_at_the_real_session(case, target)
    response = case.call(base_url=target.server.url, headers=headers, timeout=60)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance,
                                             content_type_conformance])


# 60 examples an operation is what it took to hit a 20-digit id (a past OverflowError) reliably.
@pytest.mark.slow
@schema.exclude(path_regex=GRADING).parametrize()
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_500(case: schemathesis.Case[Any], target: FuzzTarget) -> None:
    call_and_check(case, target)


# Run and submit grade in the real sandbox: fewer examples, so the whole file stays near a minute.
@pytest.mark.slow
@schema.include(path_regex=GRADING).parametrize()
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_grading_request_gets_a_500(case: schemathesis.Case[Any], target: FuzzTarget) -> None:
    call_and_check(case, target)


# The pages are not in the OpenAPI document; these are the hostile requests a review sent them.
F = {"Content-Type": "application/x-www-form-urlencoded"}
MULTIPART = {"Content-Type": "multipart/form-data; boundary=zz"}
HostileRequest = tuple[str, str, bytes | None, dict[str, str]]
HOSTILE_PAGE_REQUESTS: list[HostileRequest] = [
    ("POST", "/sessions/new", b"pick=list&challenges=softmax&duration_minutes=1e308", F),
    ("POST", "/sessions/new", b"pick=list&challenges=softmax&duration_minutes=nan", F),
    ("POST", "/sessions/new", "pick=list&challenges=softmax&duration_minutes=\u0661\u0662".encode(), F),
    ("POST", "/sessions/new", b"pick=random&count=99999999999999999999999&duration_minutes=30", F),
    ("POST", "/sessions/new", b"pick=random&lesson_from=%C2%B2&lesson_to=10000000", F),
    ("POST", "/sessions/new", b"\xff\xfe", F),
    ("GET", "/challenges?difficulty=%00&status=%ff", None, {}),
    ("GET", "/lessons/1e3", None, {}),
    ("GET", "/lessons/" + "9" * 5000, None, {}),
    ("POST", "/challenges/softmax/run", b"code=%00%ff", F),
    ("POST", "/challenges/softmax/run", b'{"code": ' + b"[" * 5000, {"Content-Type": "application/json"}),
    ("GET", "/", None, {"Cookie": 'arraydojo_profile=\x7f; x="\\'}),
    ("GET", "/", None, {"Cookie": "arraydojo_profile=" + "a" * 5000}),
    ("POST", "/progress/import", b"not multipart", MULTIPART),
    ("POST", "/progress/import", b'--zz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n\xff\xfe'
                                 b"\r\n--zz--\r\n", MULTIPART),
    ("POST", "/progress/import", b'--zz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n'
                                 + b'{"a": ' * 5000 + b"\r\n--zz--\r\n", MULTIPART),
    ("POST", "/progress/import", b"x", {"Content-Type": "multipart/form-data"}),
    ("GET", "/sessions/" + "%00" * 10 + "/candidate", None, {}),
    ("GET", "/challenges/%ff", None, {}),
    ("GET", "/static/" + "%ff" * 300, None, {}),
]


@pytest.mark.parametrize("request_parts", HOSTILE_PAGE_REQUESTS, ids=lambda parts: f"{parts[0]} {parts[1][:40]}")
def test_hostile_page_requests_get_a_4xx_or_a_page(server_url: str, request_parts: HostileRequest) -> None:
    method, path, body, headers = request_parts
    response = raw_request(server_url, method, path, body=body, headers=headers)
    assert response.status < 500, (response.status, response.body[:300])
    assert response.headers["x-content-type-options"] == "nosniff"
