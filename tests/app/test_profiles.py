"""Profiles trust only tokens this server issued: a planted cookie never names a profile someone else knows."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from app.services.profiles import hash_token
from tests._server import ServerProcess, running_hosts


def _cookie_of(response: httpx.Response) -> str:
    return response.headers["set-cookie"].split(";")[0].split("=", 1)[1]


def test_a_planted_token_starts_a_fresh_profile_and_is_replaced(server_url: str) -> None:
    planted = secrets.token_urlsafe(32)  # well-formed, chosen by an attacker on another port of this host
    with httpx.Client(base_url=server_url, cookies={"arraydojo_profile": planted}) as victim:
        first = victim.get("/api/progress")
        assert "set-cookie" in first.headers
        assert _cookie_of(first) != planted
        assert victim.put("/api/drafts/softmax", json={"code": "# the victim's secret\n"}).status_code == 200
    with httpx.Client(base_url=server_url, cookies={"arraydojo_profile": planted}) as attacker:
        assert attacker.get("/api/drafts/softmax").status_code == 404


def test_a_forged_signature_is_not_a_profile(server_url: str) -> None:
    with httpx.Client(base_url=server_url) as someone:
        token = _cookie_of(someone.get("/api/progress"))
        someone.put("/api/drafts/softmax", json={"code": "# mine\n"})
    body, mac = token.split(".")
    forged = f"{body}.{mac[::-1]}"
    with httpx.Client(base_url=server_url, cookies={"arraydojo_profile": forged}) as forger:
        response = forger.get("/api/drafts/softmax")
        assert response.status_code == 404
        assert _cookie_of(response) not in (forged, token)


def test_an_issued_token_is_kept_without_a_new_cookie(server_url: str) -> None:
    with httpx.Client(base_url=server_url) as client:
        assert "set-cookie" in client.get("/api/progress").headers
        client.put("/api/drafts/softmax", json={"code": "# kept\n"})
        again = client.get("/api/drafts/softmax")
        assert "set-cookie" not in again.headers
        assert again.json()["code"] == "# kept\n"


def test_a_token_from_before_signing_keeps_its_existing_profile(server: ServerProcess) -> None:
    legacy = secrets.token_urlsafe(32)
    engine = sa.create_engine(server.database_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO profiles (token_hash, created_at) VALUES (:h, :t)"),
                               {"h": hash_token(legacy), "t": datetime.now(UTC)})
    finally:
        engine.dispose()
    with httpx.Client(base_url=server.url, cookies={"arraydojo_profile": legacy}) as old_browser:
        response = old_browser.put("/api/drafts/softmax", json={"code": "# from before\n"})
        assert response.status_code == 200
        assert "set-cookie" not in response.headers
        assert old_browser.get("/api/drafts/softmax").json()["code"] == "# from before\n"


@pytest.fixture(scope="module")
def https_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("secure")
    running = ServerProcess(folder / "db.sqlite3", folder / "server.log", secure_cookies="true").start()
    yield running
    running.stop()


def test_behind_https_the_cookie_is_host_prefixed_and_secure(https_server: ServerProcess) -> None:
    cookie = httpx.get(f"{https_server.url}/api/progress").headers["set-cookie"]
    assert cookie.startswith("__Host-arraydojo_profile=")
    assert "; Secure" in cookie
    assert "; Path=/" in cookie
    assert "Domain" not in cookie


def test_the_database_key_is_shared_by_hosts_on_one_database(tmp_path: Path, app_database: Path | str) -> None:
    with running_hosts(app_database, tmp_path) as hosts:
        with httpx.Client(base_url=hosts[0].url) as on_one:
            token = _cookie_of(on_one.get("/api/progress"))
            on_one.put("/api/drafts/softmax", json={"code": "# shared\n"})
        with httpx.Client(base_url=hosts[1].url, cookies={"arraydojo_profile": token}) as on_two:
            response = on_two.get("/api/drafts/softmax")
            assert response.status_code == 200
            assert "set-cookie" not in response.headers
