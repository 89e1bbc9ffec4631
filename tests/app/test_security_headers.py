"""Security headers on every response (errors, 413s, the cross-site 403, 500s), exact exemptions only,
no caching of anything carrying tokens or progress, and a Host allow-list.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.requests import Request

from app.config import Settings
from app.hosts import allowed_hosts, host_name
from app.main import create_app
from app.public_url import public_url
from tests._server import ServerProcess
from tests.app._raw_http import RawResponse, raw_request

JSON = {"Content-Type": "application/json"}


def assert_security_headers(response: RawResponse, *, csp: bool = True) -> None:
    headers = response.headers
    assert headers.get("x-content-type-options") == "nosniff", headers
    assert headers.get("x-frame-options") == "DENY", headers
    assert headers.get("referrer-policy") == "same-origin", headers
    if csp:
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), headers
        assert "script-src 'self'" in headers["content-security-policy"]
    else:
        assert "content-security-policy" not in headers


RESPONSES = {
    "page": ("GET", "/", None, {}, 200),
    "api": ("GET", "/api/challenges", None, {}, 200),
    "page 404": ("GET", "/no/such/page", None, {}, 404),
    "api 404": ("GET", "/api/challenges/softmx", None, {}, 404),
    "405": ("DELETE", "/api/challenges/softmax", None, {}, 405),
    "422": ("GET", "/api/submissions/abc", None, {}, 422),
    "413": ("POST", "/api/sessions", b"", JSON | {"Content-Length": "50000000"}, 413),
    "cross-site 403": ("PUT", "/api/drafts/softmax", b'{"code": "x"}', JSON | {"Origin": "https://evil.example"}, 403),
    "bad host 400": ("GET", "/", None, {"Host": "evil.example"}, 400),
    "static": ("GET", "/static/app.css", None, {}, 200),
    "static 404": ("GET", "/static/nN/../app.css", None, {}, 404),
}


@pytest.mark.parametrize("name", list(RESPONSES))
def test_every_kind_of_response_carries_the_security_headers(server_url: str, name: str) -> None:
    method, path, body, headers, status = RESPONSES[name]
    response = raw_request(server_url, method, path, body=body, headers=headers)
    assert response.status == status, response.body[:300]
    assert_security_headers(response)


@pytest.fixture
def broken_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server whose database lost its tables underneath it: every query fails, a genuine 500."""
    running = ServerProcess(tmp_path / "db.sqlite3", tmp_path / "server.log").start()
    with sqlite3.connect(tmp_path / "db.sqlite3") as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            conn.execute(f'DROP TABLE "{table}"')
    yield running
    running.stop()


def test_a_500_carries_the_security_headers_and_the_error_shape(broken_server: ServerProcess) -> None:
    api = raw_request(broken_server.url, "GET", "/api/progress")
    assert api.status == 500
    assert api.error()["code"] == "internal_error"
    assert_security_headers(api)
    assert api.headers["cache-control"] == "no-store"
    page = raw_request(broken_server.url, "GET", "/progress")
    assert page.status == 500
    assert page.headers["content-type"].startswith("text/html")
    assert_security_headers(page)


@pytest.mark.parametrize("path", ["/docs-anything", "/docsx", "/docs/", "/DOCS", "/docs/../", "/api/docs"])
def test_the_docs_csp_exemption_is_for_its_exact_path_only(server_url: str, path: str) -> None:
    response = raw_request(server_url, "GET", path)
    assert_security_headers(response)


def test_the_docs_page_itself_is_exempt(server_url: str) -> None:
    response = raw_request(server_url, "GET", "/docs")
    assert response.status == 200
    assert_security_headers(response, csp=False)


@pytest.mark.parametrize("path", ["/api/progress", "/api/progress/export", "/api/challenges", "/progress",
                                  "/sessions/new", "/sessions/abc/candidate", "/sessions/abc/interviewer",
                                  "/sessions/abc/report", "/", "/challenges/softmax", "/api/sessions/abc"])
def test_responses_with_progress_or_tokens_are_never_stored(server_url: str, path: str) -> None:
    response = raw_request(server_url, "GET", path)
    assert response.headers["cache-control"] == "no-store", (path, response.status)


def test_a_created_session_with_its_tokens_is_never_stored(server_url: str) -> None:
    response = raw_request(server_url, "POST", "/api/sessions",
                           body=b'{"challenges": ["softmax"], "duration_minutes": 30}', headers=JSON)
    assert response.status == 201
    assert "candidate_token" in response.json()
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST.", "[::1]", "localhost:8000", "127.0.0.1:1"])
def test_loopback_hosts_are_allowed_by_default(server_url: str, host: str) -> None:
    assert raw_request(server_url, "GET", "/healthz", headers={"Host": host}).status == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example",
                                  "evil.example:8000", "localhost@evil.example", "[::2]", "127.0.0.2", "x" * 500])
def test_other_hosts_get_a_400_in_the_error_shape(server_url: str, host: str) -> None:
    response = raw_request(server_url, "GET", "/api/challenges", headers={"Host": host})
    assert response.status == 400
    assert response.error()["code"] == "host_not_allowed"
    assert "ARRAYDOJO_ALLOWED_HOSTS" in response.error()["message"]


def test_a_request_without_a_host_header_is_refused(server_url: str) -> None:
    port = int(server_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /api/challenges HTTP/1.0\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]


@pytest.fixture(scope="module")
def named_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("hosts")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log",
                            allowed_hosts="127.0.0.1, dojo.example.org,*.example.net").start()
    yield running
    running.stop()


@pytest.mark.parametrize(("host", "status"), [
    ("dojo.example.org", 200), ("DOJO.example.org:443", 200), ("a.example.net", 200), ("a.b.example.net", 200),
    ("example.net", 400), ("localhost", 400), ("dojo.example.org.evil", 400), ("evilexample.net", 400),
])
def test_configured_allowed_hosts_replace_the_defaults(named_server: ServerProcess, host: str, status: int) -> None:
    assert raw_request(named_server.url, "GET", "/healthz", headers={"Host": host}).status == status


def _request_for(settings: Settings, host: str, scheme: str = "http") -> Request:
    app = create_app(settings)
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": b"", "scheme": scheme,
                    "server": ("127.0.0.1", 8000), "headers": [(b"host", host.encode())], "app": app})


def test_public_url_uses_the_configured_base_url_over_the_host_header() -> None:
    settings = Settings(public_base_url="https://dojo.example.org/")
    request = _request_for(settings, "127.0.0.1:8000")
    assert public_url(request, "/sessions/abc/candidate") == "https://dojo.example.org/sessions/abc/candidate"


def test_public_url_falls_back_to_the_allow_listed_request_host() -> None:
    request = _request_for(Settings(), "localhost:8000")
    assert public_url(request, "/sessions/abc/candidate") == "http://localhost:8000/sessions/abc/candidate"


def test_public_url_refuses_a_path_that_would_leave_the_site() -> None:
    request = _request_for(Settings(public_base_url="https://dojo.example.org"), "localhost")
    for path in ("//evil.example/x", "https://evil.example", "sessions/abc"):
        with pytest.raises(ValueError, match="absolute path"):
            public_url(request, path)


def test_a_public_base_url_without_a_scheme_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="http"):
        Settings(public_base_url="dojo.example.org")


def test_the_default_allow_list_is_loopback_and_the_public_host() -> None:
    hosts = allowed_hosts(Settings(host="0.0.0.0", public_base_url="https://Dojo.Example.org"))
    assert set(hosts) == {"localhost", "127.0.0.1", "::1", "dojo.example.org"}
    assert "192.0.2.5" in allowed_hosts(Settings(host="192.0.2.5"))


@pytest.mark.parametrize("value", ["dojo.example.org, *.example.net", '["dojo.example.org", "*.example.net"]'])
def test_allowed_hosts_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ARRAYDOJO_ALLOWED_HOSTS", value)
    assert allowed_hosts(Settings()) == ("dojo.example.org", "*.example.net")


@pytest.mark.parametrize(("header", "name"), [("[::1]:8000", "::1"), ("Example.ORG.", "example.org"),
                                              ("example.org:443", "example.org"), ("::1", "::1"), ("", "")])
def test_host_names_are_read_without_port_case_or_final_dot(header: str, name: str) -> None:
    assert host_name(header) == name
