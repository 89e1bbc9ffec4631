"""Requests sent exactly as written (http.client): no client-side normalising of `..`, `%2F` or headers."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def error(self) -> dict[str, Any]:
        error: dict[str, Any] = self.json()["error"]
        return error


def raw_request(url: str, method: str, path: str, *, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout_seconds: float = 30) -> RawResponse:
    """One request on a fresh connection; a `Content-Length` in `headers` is sent as given, true or not."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout_seconds)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return RawResponse(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()
