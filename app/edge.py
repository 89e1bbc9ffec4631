"""The layers outside everything, even Starlette's 500 handler, so every response passes through them.

`app.add_middleware` puts middleware inside ServerErrorMiddleware, whose 500s then went out with
none of our security headers. Order, outermost first: security headers (on every answer below),
the Host allow-list, the cross-site check, and the body limit (before any parsing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp

from app.body_limits import BodyLimitMiddleware, body_ceilings
from app.config import Settings
from app.hosts import AllowedHostsMiddleware, allowed_hosts
from app.middleware import CrossSiteMiddleware, SecurityHeadersMiddleware

Layer = Callable[[ASGIApp], ASGIApp]


class EdgeFastAPI(FastAPI):
    """FastAPI with `edge` layers wrapped around its whole middleware stack (outermost first)."""

    def __init__(self, *args: Any, edge: Sequence[Layer] = (), **kwargs: Any) -> None:
        self.edge = tuple(edge)
        super().__init__(*args, **kwargs)

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        for layer in reversed(self.edge):
            stack = layer(stack)
        return stack


def edge_layers(settings: Settings) -> tuple[Layer, ...]:
    return (
        SecurityHeadersMiddleware,
        partial(AllowedHostsMiddleware, patterns=allowed_hosts(settings)),
        CrossSiteMiddleware,
        partial(BodyLimitMiddleware, ceilings=body_ceilings(settings), default_max_bytes=settings.max_json_bytes),
    )
