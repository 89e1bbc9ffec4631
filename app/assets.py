"""Static files served from memory, gzipped once, with content-hashed URLs cached for a year."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from app.errors import NotFoundError

_COMPRESSIBLE = (".js", ".css", ".svg", ".json", ".txt", ".map", ".html")


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    digest: str
    media_type: str
    mtime_ns: int


class Assets:
    """The files under static/; a file edited on disk is picked up on its next request."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._assets: dict[str, Asset] = {}

    def _load(self, name: str) -> Asset | None:
        path = (self.directory / name).resolve()
        if not path.is_relative_to(self.directory) or not path.is_file():
            return None
        mtime_ns = path.stat().st_mtime_ns
        cached = self._assets.get(name)
        if cached is not None and cached.mtime_ns == mtime_ns:
            return cached
        body = path.read_bytes()
        gzipped = gzip.compress(body, compresslevel=9, mtime=0) if path.suffix in _COMPRESSIBLE else None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if media_type.startswith("text/") or path.suffix in (".js", ".svg", ".json"):
            media_type += "; charset=utf-8" if "charset" not in media_type else ""
        asset = Asset(body, gzipped, hashlib.sha256(body).hexdigest()[:12], media_type, mtime_ns)
        self._assets[name] = asset
        return asset

    def url(self, name: str) -> str:
        asset = self._load(name)
        return f"/static/{name}?v={asset.digest}" if asset else f"/static/{name}"

    def response(self, request: Request, name: str) -> Response:
        asset = self._load(name)
        if asset is None:
            raise NotFoundError(f"No static file {name!r}.")
        etag = f'"{asset.digest}"'
        # A URL carrying the right digest never changes: let browsers keep it for a year.
        immutable = request.query_params.get("v") == asset.digest
        headers = {"ETag": etag, "Vary": "Accept-Encoding",
                   "Cache-Control": "public, max-age=31536000, immutable" if immutable else "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        body = asset.body
        if asset.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            body, headers["Content-Encoding"] = asset.gzipped, "gzip"
        return Response(body, media_type=asset.media_type, headers=headers)
