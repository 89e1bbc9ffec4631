"""The Host allow-list: requests naming any other host get a 400 before the app sees them.

Without it a DNS-rebinding page could talk to a server on loopback under its own name, and
anything built from the Host header (links, the same-origin check) would trust the client.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import Settings
from app.errors import HostNotAllowedError, render_error

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_ANY_ADDRESS = ("", "0.0.0.0", "::")


def allowed_hosts(settings: Settings) -> tuple[str, ...]:
    """ARRAYDOJO_ALLOWED_HOSTS when set; otherwise loopback, the address served on, and the public host."""
    if settings.allowed_hosts:
        return tuple(_normalise(host) for host in settings.allowed_hosts)
    names = list(LOOPBACK_NAMES)
    if settings.host not in _ANY_ADDRESS:
        names.append(_normalise(settings.host))
    if settings.public_base_url:
        names.append(_normalise(urlsplit(settings.public_base_url).hostname or ""))
    return tuple(dict.fromkeys(name for name in names if name))


def host_name(header: str) -> str:
    """The name in a Host header, without its port: `[::1]:8000` -> `::1`, `Example.ORG.` -> `example.org`."""
    header = header.strip()
    if header.startswith("["):
        return _normalise(header[1:].split("]", 1)[0])
    return _normalise(header.rsplit(":", 1)[0] if header.count(":") == 1 else header)


def is_allowed(name: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern == "*" or pattern == name:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]) and len(name) > len(pattern) - 1:
            return True
    return False


def _normalise(name: str) -> str:
    return name.strip().strip("[]").rstrip(".").lower()


class AllowedHostsMiddleware:
    """400 for a missing Host header or one not on the list (with how to add it)."""

    def __init__(self, app: ASGIApp, *, patterns: tuple[str, ...]) -> None:
        self.app = app
        self.patterns = patterns

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = next((value for key, value in scope.get("headers", []) if key == b"host"), b"")
        name = host_name(raw.decode("latin-1"))
        if name and is_allowed(name, self.patterns):
            await self.app(scope, receive, send)
            return
        shown = name[:100] or "(none)"
        error = HostNotAllowedError(f"This server does not answer to the host {shown!r}. Use its own address, "
                                    "or add the name to ARRAYDOJO_ALLOWED_HOSTS.")
        response = render_error(Request(scope, receive), error)
        await response(scope, receive, send)
