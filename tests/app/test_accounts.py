"""Interviewer accounts against a real server: sign-up, login, logout, password change, rate limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests._server import ServerProcess
from tests.app._accounts import PASSWORD, new_email, sign_up

COOKIE = "arraydojo_account"
JSON = {"Content-Type": "application/json"}


def test_sign_up_is_201_and_logs_the_browser_in(client: httpx.Client) -> None:
    email = new_email()
    response = client.post("/api/accounts", json={"email": f"  {email.upper()} ", "password": PASSWORD,
                                                  "display_name": "  Ada   Lovelace "})
    assert response.status_code == 201, response.text
    account = response.json()
    assert account["email"] == email  # trimmed and lower-cased
    assert account["display_name"] == "Ada Lovelace"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert client.get("/api/me").json() == account


def test_taken_email_is_409_whatever_its_case(client: httpx.Client) -> None:
    email = new_email()
    sign_up(client, email=email)
    response = client.post("/api/accounts", json={"email": email.upper(), "password": PASSWORD,
                                                  "display_name": "Someone else"})
    assert response.status_code == 409
    assert "already exists" in response.json()["error"]["message"]


@pytest.mark.parametrize(("password", "words"), [
    ("short", "too short"),
    ("password123", "too easy to guess"),
    ("aaaaaaaaaaaa", "too easy to guess"),
    ("x" * 300, "too long"),
])
def test_weak_password_is_refused_with_what_to_do(client: httpx.Client, password: str, words: str) -> None:
    response = client.post("/api/accounts", json={"email": new_email(), "password": password, "display_name": "A"})
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]
    assert client.get("/api/me").status_code == 401


def test_password_equal_to_the_email_is_refused(client: httpx.Client) -> None:
    email = new_email()
    response = client.post("/api/accounts", json={"email": email, "password": email, "display_name": "A"})
    assert response.status_code == 422
    assert "email" in response.json()["error"]["message"]


@pytest.mark.parametrize(("field", "value", "words"), [
    ("email", "not-an-email", "not an email address"),
    ("email", "a@b", "not an email address"),
    ("email", "   ", "Enter your email"),
    ("display_name", "   ", "display name"),
    ("display_name", "bad\u0000name", "control characters"),
])
def test_bad_sign_up_fields_say_which_and_why(client: httpx.Client, field: str, value: str, words: str) -> None:
    body = {"email": new_email(), "password": PASSWORD, "display_name": "Ada"} | {field: value}
    response = client.post("/api/accounts", json=body)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


@pytest.mark.parametrize("field", ["email", "password", "display_name"])
def test_a_lone_surrogate_is_422_not_a_crash(client: httpx.Client, field: str) -> None:
    body = {"email": new_email(), "password": PASSWORD, "display_name": "Ada"}
    body[field] = body[field] + "\ud800"  # json.dumps escapes it as \ud800, which JSON allows
    response = client.post("/api/accounts", content=json.dumps(body), headers=JSON)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"
    login = client.post("/api/login", content=json.dumps({"email": body["email"], "password": body["password"]}),
                        headers=JSON)
    assert login.status_code in (401, 422)


def test_login_sets_a_fresh_cookie_and_me_answers(server: ServerProcess) -> None:
    email = new_email()
    with server.client() as first:
        account = sign_up(first, email=email)
    with server.client() as second:
        assert second.get("/api/me").status_code == 401
        response = second.post("/api/login", json={"email": email.title(), "password": PASSWORD})
        assert response.status_code == 200, response.text
        assert response.json() == account
        assert second.get("/api/me").json()["email"] == email


def test_wrong_password_and_unknown_email_get_the_same_401(client: httpx.Client) -> None:
    email = new_email()
    sign_up(client, email=email)
    wrong = client.post("/api/login", json={"email": email, "password": "not the password at all"})
    unknown = client.post("/api/login", json={"email": new_email(), "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]  # never says which part


def test_me_without_a_login_is_401_saying_where_to_log_in(client: httpx.Client) -> None:
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "/login" in response.json()["error"]["message"]


def test_forged_or_malformed_cookie_opens_nothing(client: httpx.Client) -> None:
    for value in ("A" * 43, "x", "' OR 1=1 --", "A" * 5000):
        client.cookies.set(COOKIE, value)
        assert client.get("/api/me").status_code == 401


def test_logout_deletes_the_login_on_the_server(server: ServerProcess, client: httpx.Client) -> None:
    sign_up(client)
    token = client.cookies[COOKIE]
    assert client.post("/api/logout").json() == {"logged_out": True}
    assert client.get("/api/me").status_code == 401
    with server.client() as replay:  # the old cookie, replayed: the server no longer knows it
        replay.cookies.set(COOKIE, token)
        assert replay.get("/api/me").status_code == 401


def test_only_the_hash_of_a_login_token_is_stored(server: ServerProcess, client: httpx.Client) -> None:
    sign_up(client)
    token = client.cookies[COOKIE]
    engine = sa.create_engine(server.database_url)  # SQLite or PostgreSQL, as the server runs
    try:
        with engine.connect() as db:
            rows = [r[0] for r in db.execute(sa.text("SELECT token_hash FROM account_sessions"))]
            hashes = [r[0] for r in db.execute(sa.text("SELECT password_hash FROM accounts"))]
    finally:
        engine.dispose()
    assert token not in rows
    assert all(len(r) == 64 for r in rows)
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_password_change_ends_other_logins_and_keeps_this_one(server: ServerProcess) -> None:
    email, new_password = new_email(), "a different long passphrase"
    with server.client() as here, server.client() as elsewhere:
        sign_up(here, email=email)
        assert elsewhere.post("/api/login", json={"email": email, "password": PASSWORD}).status_code == 200
        wrong = here.put("/api/me/password", json={"current_password": "nope nope nope", "new_password": new_password})
        assert wrong.status_code == 401
        changed = here.put("/api/me/password", json={"current_password": PASSWORD, "new_password": new_password})
        assert changed.status_code == 200, changed.text
        assert changed.json() == {"changed": True, "other_sessions_ended": 1}
        assert here.get("/api/me").status_code == 200
        assert elsewhere.get("/api/me").status_code == 401
        assert here.post("/api/login", json={"email": email, "password": PASSWORD}).status_code == 401
        assert here.post("/api/login", json={"email": email, "password": new_password}).status_code == 200


def test_password_change_needs_a_login_and_a_strong_new_password(client: httpx.Client) -> None:
    body = {"current_password": PASSWORD, "new_password": "short"}
    assert client.put("/api/me/password", json=body).status_code == 401
    sign_up(client)
    response = client.put("/api/me/password", json=body)
    assert response.status_code == 422
    assert "too short" in response.json()["error"]["message"]


def test_a_cross_site_login_post_is_refused(client: httpx.Client) -> None:
    response = client.post("/api/login", json={"email": new_email(), "password": PASSWORD},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


# Rate limits and required accounts: a server of their own, with low limits

@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory, module_database: Path | str) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("strict")
    running = ServerProcess(module_database, folder / "server.log", require_accounts="1",
                            login_attempts_per_client="8", login_failures_per_account="3",
                            login_window_seconds="60").start()
    yield running
    running.stop()


def test_failed_logins_to_one_account_are_429_with_retry_after(strict_server: ServerProcess) -> None:
    email = new_email()
    with strict_server.client() as client:
        sign_up(client, email=email)
        for _ in range(3):
            wrong = client.post("/api/login", json={"email": email, "password": "wrong password here"})
            assert wrong.status_code == 401
        limited = client.post("/api/login", json={"email": email.upper(), "password": PASSWORD})
        assert limited.status_code == 429  # even the right password waits: no guessing through the limit
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert "for this account" in limited.json()["error"]["message"]


def test_login_attempts_from_one_client_are_429_across_accounts(strict_server: ServerProcess) -> None:
    with strict_server.client() as client:
        statuses = [client.post("/api/login", json={"email": new_email(), "password": PASSWORD}).status_code
                    for _ in range(12)]
    assert 429 in statuses
    assert set(statuses[:statuses.index(429)]) == {401}
    with strict_server.client() as client:
        response = client.post("/api/login", json={"email": new_email(), "password": PASSWORD})
        assert response.status_code == 429
        assert "from this address" in response.json()["error"]["message"]
        assert int(response.headers["retry-after"]) >= 1


def test_guessing_the_current_password_counts_as_failed_logins(strict_server: ServerProcess) -> None:
    with strict_server.client() as client:
        email = new_email()
        sign_up(client, email=email)
        body = {"current_password": "a wrong guess here", "new_password": "another long passphrase"}
        assert [client.put("/api/me/password", json=body).status_code for _ in range(4)] == [401, 401, 401, 429]
        right = client.put("/api/me/password", json=body | {"current_password": PASSWORD})
        assert right.status_code == 429
        assert "retry-after" in right.headers


def test_required_accounts_refuse_anonymous_sessions_with_a_sign_up_link(strict_server: ServerProcess) -> None:
    with strict_server.client() as client:
        response = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})
        assert response.status_code == 401
        assert "/signup" in response.json()["error"]["message"]
        form = client.post("/sessions/new", content="pick=list&challenges=softmax&duration_minutes=30",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert form.status_code == 401
        assert "/signup" in form.text
        page = client.get("/sessions/new")
        assert 'href="/signup?next=/sessions/new"' in page.text


def test_required_accounts_let_a_logged_in_interviewer_create(strict_server: ServerProcess) -> None:
    with strict_server.client() as client:
        client.cookies.clear()
        response = client.post("/api/accounts", json={"email": new_email(), "password": PASSWORD,
                                                      "display_name": "Ada"})
        assert response.status_code == 201
        created = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})
        assert created.status_code == 201, created.text


def test_anonymous_sessions_stay_possible_by_default(client: httpx.Client) -> None:
    response = client.post("/api/sessions", json={"challenges": ["softmax"], "duration_minutes": 30})
    assert response.status_code == 201
