"""Absolute links to this app: from ARRAYDOJO_PUBLIC_BASE_URL when set, else from the (allow-listed) request."""

from __future__ import annotations

from starlette.requests import Request

from app.config import Settings


def public_url(request: Request, path: str) -> str:
    """`path` (starting with /) as an absolute URL users can open, e.g. a session link to send by mail.

    Behind a proxy the request's own scheme and host are the proxy's view; the configured base URL
    is what users see. Without one, the Host header has passed the allow-list, so it is one of ours.
    """
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"public_url needs an absolute path on this site, not {path!r}")
    settings: Settings = request.app.state.settings  # set by create_app
    return f"{settings.public_base_url or str(request.base_url).rstrip('/')}{path}"
