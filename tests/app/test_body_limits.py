"""Every request body has a ceiling, enforced on the bytes as they arrive: 413 saying the limit, never a 500.

JSON is checked for depth and number length before any parser runs (422). Each test is one attack
against the real server on loopback.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import httpx
import pytest

from app.body_limits import BodyLimitMiddleware, body_ceilings, code_body_bytes
from app.config import Settings
from app.main import create_app
from tests._server import ServerProcess
from tests.app._raw_http import raw_request

JSON = {"content-type": "application/json"}
SMALL_IMPORT_BYTES = 100_000


@pytest.fixture(scope="module")
def tight_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server whose import limit is small, so going over it costs the test little."""
    folder = tmp_path_factory.mktemp("limits")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log",
                            max_import_bytes=str(SMALL_IMPORT_BYTES)).start()
    yield running
    running.stop()


def assert_413(status: int, error: dict[str, object], limit: int) -> None:
    assert status == 413, error
    assert error["code"] == "payload_too_large"
    assert f"{limit:,}" in str(error["message"])


def test_a_declared_50_mb_body_is_refused_before_a_byte_is_sent(server_url: str) -> None:
    # The headers promise 50 MB and nothing follows: the answer must come without waiting for it.
    started = time.monotonic()
    response = raw_request(server_url, "POST", "/api/sessions", body=b"",
                           headers=JSON | {"Content-Length": str(50_000_000)}, timeout_seconds=10)
    assert_413(response.status, response.error(), 64 * 1024)
    assert time.monotonic() - started < 5


def test_a_chunked_body_with_no_length_is_cut_off_at_the_limit(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"notes": "'
        for _ in range(2000):  # 16 MiB in 8 KiB chunks: the server stops counting at its 64 KiB ceiling
            yield b"x" * 8192

    response = client.put("/api/sessions/nope/notes", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert_413(response.status_code, response.json()["error"], 64 * 1024)


def test_a_pydantic_route_refuses_a_big_body_with_413_not_422(client: httpx.Client) -> None:
    body = json.dumps({"challenges": ["softmax"], "duration_minutes": 30, "candidate_name": "x" * 200_000})
    response = client.post("/api/sessions", content=body, headers=JSON)
    assert_413(response.status_code, response.json()["error"], 64 * 1024)


def test_a_body_on_a_get_is_limited_too(server_url: str) -> None:
    response = raw_request(server_url, "GET", "/api/progress", body=b"x" * 100,
                           headers={"Content-Length": str(10**9)})
    assert_413(response.status, response.error(), 64 * 1024)


def test_code_routes_allow_room_for_escaped_code(client: httpx.Client) -> None:
    # 60,000 bytes of code written as \u escapes: a 360 KB body, legitimately over the small-JSON ceiling.
    code = "# " + "\u00e9" * 29_999 + "\n"
    body = json.dumps({"code": code}, ensure_ascii=True).encode()
    assert len(body) > 6 * 29_999
    response = client.put("/api/drafts/softmax", content=body, headers=JSON)
    assert response.status_code == 200, response.text
    assert client.get("/api/drafts/softmax").json()["code"] == code


def test_json_nested_10000_deep_is_422_not_a_recursion_error(client: httpx.Client) -> None:
    for path, body in (("/api/sessions", b"[" * 10_000), ("/api/challenges/softmax/run", b'{"code": ' + b"[" * 10_000),
                       ("/api/progress/import", b'{"a": ' * 5_000)):
        response = client.post(path, content=body, headers=JSON)
        assert response.status_code == 422, (path, response.text)
        assert "nests deeper than 64 levels" in response.json()["error"]["message"]


def test_a_5000_digit_integer_is_422_not_a_500(client: httpx.Client) -> None:
    digits = b"9" * 5000
    for path, body in (("/api/sessions", b'{"challenges": ["softmax"], "duration_minutes": ' + digits + b"}"),
                       ("/api/sessions/x/followups", b'{"index": ' + digits + b"}"),
                       ("/api/progress/import", b'{"version": ' + digits + b"}")):
        response = client.post(path, content=body, headers=JSON)
        assert response.status_code == 422, (path, response.text)
        assert "more than 100 digits" in response.json()["error"]["message"]


def test_the_json_guard_ignores_brackets_and_digits_inside_strings(client: httpx.Client) -> None:
    code = "x = [" * 2000 + "\n# " + "7" * 3000 + '\n"\\\\" ' + "{" * 100 + "\n"
    response = client.put("/api/drafts/softmax", json={"code": code})
    assert response.status_code == 200, response.text


def test_deep_json_sent_as_another_content_type_is_still_422(client: httpx.Client) -> None:
    for content_type in ("text/plain", "multipart/form-data; boundary=x", "APPLICATION/X-WWW-FORM-URLENCODED"):
        response = client.post("/api/challenges/softmax/run", content=b'{"code": ' + b"[" * 5000,
                               headers={"content-type": content_type})
        assert response.status_code == 422, (content_type, response.text)


def test_multipart_import_over_its_limit_is_413_not_422(tight_server: ServerProcess) -> None:
    with tight_server.client() as client:
        for size in (SMALL_IMPORT_BYTES + 10, 3 * SMALL_IMPORT_BYTES):  # past the file limit; past the whole body's
            upload = {"file": ("progress.json", b" " * size + b"{}", "application/json")}
            response = client.post("/progress/import", files=upload)
            assert response.status_code == 413, (size, response.text[:300])
            assert response.headers["content-type"].startswith("text/html")


def test_a_deeply_nested_uploaded_file_is_422(tight_server: ServerProcess) -> None:
    with tight_server.client() as client:
        upload = {"file": ("progress.json", b"[" * 5000, "application/json")}
        response = client.post("/progress/import", files=upload)
        assert response.status_code == 422, response.text[:300]
        assert "nests deeper" in response.text


def test_json_import_over_its_limit_is_413(tight_server: ServerProcess) -> None:
    with tight_server.client() as client:
        response = client.post("/api/progress/import", content=b" " * (SMALL_IMPORT_BYTES + 1) + b"{}", headers=JSON)
        assert_413(response.status_code, response.json()["error"], SMALL_IMPORT_BYTES)


def test_refused_50_mb_bodies_cost_the_server_no_memory(server: ServerProcess) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(50 * 16):  # 50 MiB, chunked: no Content-Length to refuse it by
            yield b"[" + b"1," * 32767 + b"1]"

    with server.client() as client:
        client.post("/api/sessions", content=b"{}", headers=JSON)  # warm up
        before = server.rss_bytes()
        for method, path in (("POST", "/api/sessions"), ("POST", "/api/progress/import"),
                             ("PUT", "/api/sessions/x/notes")):
            response = client.request(method, path, content=chunks(), headers=JSON)
            assert response.status_code == 413, response.text
    grown = server.rss_bytes() - before
    # Read whole, each body cost ~100 MB before its 422; now reading stops at the route's ceiling.
    assert grown < 24 * 1024 * 1024, f"the server grew by {grown / 2**20:.1f} MiB"


def test_the_server_keeps_answering_after_refused_bodies(client: httpx.Client) -> None:
    for _ in range(5):
        client.post("/api/sessions", content=b"x" * 200_000, headers=JSON)
    assert client.get("/healthz").status_code == 200


def test_every_operation_that_takes_code_has_room_for_it() -> None:
    # The ceilings are a table of paths: a route added or renamed must not fall back to the small-JSON one.
    settings = Settings()
    limits = BodyLimitMiddleware(create_app(settings), ceilings=body_ceilings(settings),
                                 default_max_bytes=settings.max_json_bytes)
    document = create_app(settings).openapi()
    taking_code = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if "code" in body.get("schema", {}).get("properties", {}):
                taking_code.append(f"{method.upper()} {path}")
                concrete = re.sub(r"\{[^}]+\}", "some-id", path)
                assert limits.max_bytes_for(concrete) >= code_body_bytes(settings.max_code_bytes), path
    assert len(taking_code) >= 6, taking_code  # run, submit, drafts; a session's run, submit, snapshots
    for page in ("/challenges/softmax/run", "/challenges/softmax/submit"):  # the forms without JavaScript
        assert limits.max_bytes_for(page) >= code_body_bytes(settings.max_code_bytes)
