"""ASGI middleware: the profile cookie, security headers, and refusing cross-site writes."""

from __future__ import annotations

import json
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.services.profiles import COOKIE_MAX_AGE_SECONDS, COOKIE_NAME, hash_token, is_valid_token, new_token

_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# CodeMirror injects its styles at run time, hence 'unsafe-inline' for styles only. /docs loads
# Swagger UI from a CDN, so it keeps FastAPI's own page without this policy.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_NO_CSP_PATHS = ("/docs", "/redoc")


class ProfileMiddleware:
    """Gives every visitor an anonymous profile token (a cookie) and puts its hash in request.state.

    The profile row itself is created on the first write, so crawlers and health checks leave none.
    """

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/") or scope["path"] == "/healthz":
            await self.app(scope, receive, send)
            return
        token = _cookie(scope, COOKIE_NAME)
        is_new = not is_valid_token(token)
        if is_new:
            token = new_token()
        assert token is not None
        scope.setdefault("state", {})["profile_token_hash"] = hash_token(token)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and is_new:
                cookie = (f"{COOKIE_NAME}={token}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; HttpOnly; "
                          f"SameSite=Lax{'; Secure' if self.secure else ''}")
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SecurityMiddleware:
    """Security headers on every response; a write whose Origin is another site gets a 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in _UNSAFE_METHODS and not _same_origin(scope):
            body = json.dumps({"error": {"status": 403, "code": "cross_site", "message":
                               "Cross-site requests cannot change your progress. Use the page on this site."}})
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body.encode()})
            return
        path = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                            (b"x-frame-options", b"DENY")]
                if not path.startswith(_NO_CSP_PATHS):
                    headers.append((b"content-security-policy", _CSP.encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
