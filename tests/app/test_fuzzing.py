"""Schemathesis fuzzes every operation of the app's own OpenAPI document against a real server: no 500s.

The document is the one the server serves (a test checks they are equal); cases are generated from
it, valid and invalid, a bounded number per operation, and sent over loopback. Session operations
get a real session's id and token half of the time, so generated bodies reach past authentication.
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

pytestmark = pytest.mark.slow

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
@schema.exclude(path_regex=GRADING).parametrize()
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_500(case: schemathesis.Case[Any], target: FuzzTarget) -> None:
    call_and_check(case, target)


# Run and submit grade in the real sandbox: fewer examples, so the whole file stays near a minute.
@schema.include(path_regex=GRADING).parametrize()
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_grading_request_gets_a_500(case: schemathesis.Case[Any], target: FuzzTarget) -> None:
    call_and_check(case, target)
