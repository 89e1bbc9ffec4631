"""OpenID Connect login (authorization code flow with PKCE): Authlib builds the requests, joserfc checks the ID token.

The browser carries the flow's state, nonce and PKCE verifier in a short-lived HttpOnly cookie; the
callback accepts a code only with the state it was sent out with. The ID token is trusted only when
its signature verifies against the provider's published keys and its issuer, audience, nonce and
expiry match; the account is the one with the token's email, which the provider must have verified.
"""

from __future__ import annotations

import hmac
import secrets
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from app import store
from app.config import Settings
from app.database import Database
from app.errors import ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, UpstreamError
from app.login_limit import LoginLimiter
from app.services import accounts

COOKIE_NAME = "arraydojo_oidc"
COOKIE_PATH = "/login/oidc"
FLOW_SECONDS = 600
HTTP_TIMEOUT_SECONDS = 10.0
# An ID token is signed by the provider with an asymmetric key; "none" and shared-secret HMAC are refused.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
# Never a valid Argon2 hash: an account made through the provider has no password until it sets one.
NO_PASSWORD = "!oidc"


@dataclass(frozen=True)
class Flow:
    """What the browser keeps between leaving for the provider and coming back."""

    state: str
    nonce: str
    verifier: str

    def cookie(self) -> str:
        return f"{self.state}.{self.nonce}.{self.verifier}"

    @classmethod
    def from_cookie(cls, value: str | None) -> Flow | None:
        parts = (value or "").split(".")
        if len(parts) != 3 or not all(0 < len(p) <= 128 and p.isalnum() for p in parts):
            return None
        return cls(*parts)


def _require_configured(settings: Settings) -> None:
    if not settings.is_oidc_configured:
        raise NotFoundError("Single sign-on is not set up on this server. Log in with your email at /login.")


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False)
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise UpstreamError(f"Could not read {url} from the sign-in provider ({type(exc).__name__}). "
                            "Try again, or log in with your email.") from None
    if not isinstance(body, dict):
        raise UpstreamError(f"The sign-in provider's {url} is not a JSON object.")
    return body


def discover(settings: Settings) -> dict[str, Any]:
    """The provider's metadata, checked to name the configured issuer."""
    _require_configured(settings)
    issuer = str(settings.oidc_issuer).rstrip("/")
    metadata = _get_json(f"{issuer}/.well-known/openid-configuration")
    if metadata.get("issuer", "").rstrip("/") != issuer:
        raise UpstreamError("The sign-in provider's metadata names another issuer; check ARRAYDOJO_OIDC_ISSUER.")
    for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(field), str):
            raise UpstreamError(f"The sign-in provider's metadata has no {field}.")
    return metadata


def begin(*, settings: Settings, redirect_uri: str) -> tuple[str, Flow]:
    """Where to send the browser, and the flow to keep in its cookie."""
    metadata = discover(settings)
    flow = Flow(state=generate_token(32), nonce=generate_token(32), verifier=generate_token(64))
    url = prepare_grant_uri(metadata["authorization_endpoint"], settings.oidc_client_id, "code",
                            redirect_uri=redirect_uri, scope=settings.oidc_scopes, state=flow.state, nonce=flow.nonce,
                            code_challenge=create_s256_code_challenge(flow.verifier), code_challenge_method="S256")
    return str(url), flow


def _exchange(metadata: dict[str, Any], settings: Settings, *, code: str, redirect_uri: str, flow: Flow) -> str:
    try:
        response = httpx.post(
            metadata["token_endpoint"], timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False,
            auth=(str(settings.oidc_client_id), settings.oidc_client_secret or ""),
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                  "code_verifier": flow.verifier, "client_id": str(settings.oidc_client_id)})
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise UpstreamError(f"The sign-in provider's token endpoint failed ({type(exc).__name__}).") from None
    if response.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("id_token"), str):
        error = body.get("error") if isinstance(body, dict) else None
        raise UnauthorizedError(f"The sign-in provider refused the login ({error or response.status_code}). "
                                "Start again from /login.")
    return str(body["id_token"])


def _claims(metadata: dict[str, Any], settings: Settings, *, id_token: str, flow: Flow) -> dict[str, Any]:
    keys = KeySet.import_key_set(_get_json(metadata["jwks_uri"]))  # type: ignore[arg-type]
    try:
        token = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
        jwt.JWTClaimsRegistry(leeway=60, iss={"essential": True, "value": metadata["issuer"]},
                              exp={"essential": True}).validate(token.claims)
    except (JoseError, ValueError) as exc:
        raise UnauthorizedError(f"The sign-in provider's ID token did not verify ({type(exc).__name__}). "
                                "Start again from /login.") from None
    claims = dict(token.claims)
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if settings.oidc_client_id not in audiences:
        raise UnauthorizedError("The ID token was issued to another application. Start again from /login.")
    if not hmac.compare_digest(str(claims.get("nonce", "")), flow.nonce):
        raise UnauthorizedError("The ID token does not belong to this login (its nonce differs). Start again.")
    if claims.get("iat") is not None and float(claims["iat"]) > time.time() + 60:
        raise UnauthorizedError("The ID token was issued in the future. Check the clocks, then start again.")
    return claims


def finish(*, db: Database, settings: Settings, limiter: LoginLimiter, client: str, session_days: float,
           redirect_uri: str, cookie: str | None, state: str | None, code: str | None, error: str | None
           ) -> accounts.Login:
    """The callback: check the state, exchange the code, verify the ID token, log the account in."""
    _require_configured(settings)
    wait = limiter.clients.retry_after(client)
    if wait is not None:  # each callback costs the provider two requests: counted as a login attempt
        raise TooManyRequestsError(f"Too many login attempts from this address. Try again in {wait} seconds.",
                                   retry_after_seconds=wait)
    limiter.clients.hit(client)
    flow = Flow.from_cookie(cookie)
    if flow is None or not state or not hmac.compare_digest(state, flow.state):
        raise ForbiddenError("This sign-in did not start here, or took too long. Start again from /login.")
    if error:
        raise UnauthorizedError(f"The sign-in provider did not log you in ({error[:80]}). Start again from /login.")
    if not code:
        raise UnauthorizedError("The sign-in provider sent no code back. Start again from /login.")
    metadata = discover(settings)
    claims = _claims(metadata, settings, id_token=_exchange(metadata, settings, code=code[:2048],
                                                            redirect_uri=redirect_uri, flow=flow), flow=flow)
    if not isinstance(claims.get("email"), str) or claims.get("email_verified") is not True:
        raise ForbiddenError("The sign-in provider did not give a verified email address, which an account needs. "
                             "Sign up with your email at /signup instead.")
    email = accounts.normalize_email(claims["email"])
    name = " ".join(unicodedata.normalize("NFKC", str(claims.get("name") or email.split("@")[0])).split())[:100]
    with db.write() as conn:
        account = store.find_account(conn, email=email)
        if account is None:
            account_id = store.create_account(conn, email=email, display_name=name or email,
                                              password_hash=f"{NO_PASSWORD}{secrets.token_hex(8)}")
            account = store.get_account(conn, account_id=account_id) if account_id is not None else None
    if account is None:  # created by another request at the same moment: read it again
        with db.read() as conn:
            account = store.find_account(conn, email=email)
    assert account is not None
    return accounts.start_login(db=db, account=account, session_days=session_days)
