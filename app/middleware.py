"""ASGI middleware: the profile cookie, security headers, and refusing cross-site writes."""

from __future__ import annotations

from functools import partial
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import anyio.to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import store
from app.database import Database
from app.errors import CrossSiteError, render_error
from app.services.profiles import (
    COOKIE_MAX_AGE_SECONDS,
    COOKIE_NAME,
    SECURE_COOKIE_NAME,
    TokenSigner,
    cookie_name,
    hash_token,
    is_legacy_token,
)

_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# CodeMirror injects its styles at run time, hence 'unsafe-inline' for styles only.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# FastAPI's Swagger UI page runs an inline script, so these exact paths (no others) go without the CSP.
CSP_EXEMPT_PATHS = frozenset({"/docs", "/docs/oauth2-redirect"})
_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class ProfileMiddleware:
    """Gives every visitor an anonymous profile token (a signed cookie) and puts its hash in request.state.

    The profile row itself is created on the first write, so crawlers and health checks leave none.
    A token this server did not sign starts a fresh profile and its cookie is replaced; an unsigned
    token from before tokens were signed is kept only when its profile exists.
    """

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        context = getattr(scope["app"].state, "arraydojo", None) if scope["type"] == "http" else None
        if context is None or scope["path"].startswith("/static/") or scope["path"] == "/healthz":
            await self.app(scope, receive, send)  # no app context (not started): nothing to sign with
            return
        signer: TokenSigner = context.profile_signer
        secure = self.secure or scope.get("scheme") == "https"
        token = _cookie(scope, SECURE_COOKIE_NAME) or _cookie(scope, COOKIE_NAME)
        is_new = not signer.is_issued(token)
        if is_new and is_legacy_token(token):
            is_new = not await anyio.to_thread.run_sync(partial(_has_profile, context.db, token))
        if is_new:
            token = signer.issue()
        assert token is not None
        scope.setdefault("state", {})["profile_token_hash"] = hash_token(token)
        name = cookie_name(secure=secure)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and is_new:
                cookie = (f"{name}={token}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; HttpOnly; "
                          f"SameSite=Lax{'; Secure' if secure else ''}")
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _has_profile(db: Database, token: str | None) -> bool:
    """A token from before tokens were signed is kept only when a profile already stands behind it."""
    with db.read() as conn:
        return store.find_profile(conn, token_hash=hash_token(token or "")) is not None


class SecurityHeadersMiddleware:
    """The security headers on every response, errors included (it runs outside the 500 handler).

    Responses other than static files may carry a profile's progress or a session's tokens, so no
    cache (browser or proxy) may keep them. The CSP exemptions are exact paths, never prefixes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        added = list(_SECURITY_HEADERS)
        if path not in CSP_EXEMPT_PATHS:
            added.append((b"content-security-policy", _CSP.encode()))
        replaced = {name for name, _ in added}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in replaced]
                keeps_cache = path.startswith("/static/") and any(k.lower() == b"cache-control" for k, _ in headers)
                if not keeps_cache:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers + added}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CrossSiteMiddleware:
    """A write whose Origin is another site gets a 403: cookies ride along on cross-site requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _UNSAFE_METHODS and not _same_origin(scope):
            error = CrossSiteError("Cross-site requests cannot change your progress. Use the page on this site.")
            response = render_error(Request(scope, receive), error)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    try:
        morsel = SimpleCookie(raw).get(name)
    except Exception:  # a malformed Cookie header is the client's problem: treat it as absent
        return None
    return morsel.value if morsel else None


def _same_origin(scope: Scope) -> bool:
    """Browsers send Origin on cross-site writes; clients that send none (curl, tests) are not browsers."""
    origin = _header(scope, b"origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == (_header(scope, b"host") or "")
