"""OpenID Connect login against a small provider the test runs: the whole code flow, and each refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey

from tests._oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider
from tests._server import ServerProcess

pytestmark = pytest.mark.slow  # a server and a provider of their own


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    running = Provider().start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def sso_server(provider: Provider, tmp_path_factory: pytest.TempPathFactory,
               module_database: Path | str) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("oidc")
    running = ServerProcess(module_database, folder / "server.log", oidc_issuer=provider.issuer,
                            oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET,
                            oidc_name="Test SSO").start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def well_behaved(provider: Provider) -> None:
    provider.user = {"sub": "u1", "email": "sso@example.com", "email_verified": True, "name": "Sso User"}
    provider.audience, provider.published_key, provider.nonce_override = CLIENT_ID, None, None


def _sign_in(client: httpx.Client) -> httpx.Response:
    """Follow the flow by hand: app -> provider -> app's callback."""
    start = client.get("/login/oidc")
    assert start.status_code == 303, start.text
    authorize = start.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"][0]
    assert query["state"][0]
    back = httpx.get(authorize, follow_redirects=False)
    assert back.status_code == 302, back.text
    return client.get(back.headers["location"])


def test_login_page_offers_the_provider(sso_server: ServerProcess) -> None:
    with sso_server.client() as client:
        assert 'href="/login/oidc">Log in with Test SSO' in client.get("/login").text


def test_a_verified_email_logs_in_and_makes_the_account(sso_server: ServerProcess) -> None:
    with sso_server.client() as client:
        done = _sign_in(client)
        assert done.status_code == 303
        assert done.headers["location"] == "/sessions"
        me = client.get("/api/me").json()
        assert me["email"] == "sso@example.com"
        assert me["display_name"] == "Sso User"
    with sso_server.client() as again:  # the same person again: the same account
        _sign_in(again)
        assert again.get("/api/me").json()["id"] == me["id"]
        # The account has no password until it sets one: a password login cannot guess into it.
        assert again.post("/api/login", json={"email": "sso@example.com", "password": "!oidc"}).status_code == 401


def test_a_callback_with_another_state_is_refused(sso_server: ServerProcess) -> None:
    with sso_server.client() as client:
        start = client.get("/login/oidc")
        back = httpx.get(start.headers["location"], follow_redirects=False)
        forged = back.headers["location"].replace("state=", "state=x")
        response = client.get(forged)
        assert response.status_code == 403
        assert client.get("/api/me").status_code == 401


def test_a_callback_without_the_flow_cookie_is_refused(sso_server: ServerProcess) -> None:
    """Login CSRF: an attacker's own code and state, sent to a victim's browser, log nobody in."""
    with sso_server.client() as attacker, sso_server.client() as victim:
        start = attacker.get("/login/oidc")
        back = httpx.get(start.headers["location"], follow_redirects=False)
        assert victim.get(back.headers["location"]).status_code == 403
        assert victim.get("/api/me").status_code == 401


@pytest.mark.parametrize("misbehaviour", ["audience", "key", "nonce", "unverified", "no_email"])
def test_an_id_token_that_does_not_verify_logs_nobody_in(sso_server: ServerProcess, provider: Provider,
                                                         misbehaviour: str) -> None:
    if misbehaviour == "audience":
        provider.audience = "another-app"
    elif misbehaviour == "key":
        provider.published_key = RSAKey.generate_key(2048, {"kid": "k1"})  # signed with a key it does not publish
    elif misbehaviour == "nonce":
        provider.nonce_override = "a-replayed-token"
    elif misbehaviour == "unverified":
        provider.user = provider.user | {"email_verified": False}
    else:
        provider.user = {"sub": "u2", "name": "No Email"}
    with sso_server.client() as client:
        response = _sign_in(client)
        assert response.status_code in (401, 403), response.text
        assert client.get("/api/me").status_code == 401


def test_a_provider_error_is_shown_and_logs_nobody_in(sso_server: ServerProcess) -> None:
    with sso_server.client() as client:
        start = client.get("/login/oidc")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        response = client.get("/login/oidc/callback", params={"state": state, "error": "access_denied"})
        assert response.status_code == 401
        assert "access_denied" in response.text


def test_without_settings_single_sign_on_is_404(client: httpx.Client) -> None:
    response = client.get("/login/oidc")
    assert response.status_code == 404
    assert 'href="/login/oidc"' not in client.get("/login").text
