"""Static files from a manifest built once at start: exactly the files in static/, gzipped once.

A request is looked up by its exact name and nothing else: no path is ever resolved, so no
spelling (`nN/../editor.js`, `%00`, encoded slashes, 300-byte names) touches the file system
or adds to memory. The old cache was keyed by the requested path, and 150 spellings of one
file kept 110 MiB. A file changed on disk is served after a restart.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from app.errors import NotFoundError

_COMPRESSIBLE = (".js", ".mjs", ".css", ".svg", ".json", ".txt", ".map", ".html")
_TEXT_SUFFIXES = (".js", ".mjs", ".svg", ".json", ".map")


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    digest: str
    media_type: str

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


def build_manifest(directory: Path) -> dict[str, Asset]:
    """Every regular file under `directory` (hidden ones and links leading outside it excepted), by POSIX name."""
    root = directory.resolve()
    manifest: dict[str, Asset] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in name.split("/")):
            continue
        if not path.is_file() or not path.resolve().is_relative_to(root):
            continue
        manifest[name] = _load(path)
    return manifest


def _load(path: Path) -> Asset:
    body = path.read_bytes()
    gzipped = gzip.compress(body, compresslevel=9, mtime=0) if path.suffix in _COMPRESSIBLE else None
    if gzipped is not None and len(gzipped) >= len(body):
        gzipped = None
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix in (".js", ".mjs"):
        media_type = "text/javascript"
    if (media_type.startswith("text/") or path.suffix in _TEXT_SUFFIXES) and "charset" not in media_type:
        media_type += "; charset=utf-8"
    return Asset(body, gzipped, hashlib.sha256(body).hexdigest()[:12], media_type)


class Assets:
    """The static files, fixed at construction; lookups never touch the disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._manifest = build_manifest(self.directory)

    def __len__(self) -> int:
        return len(self._manifest)

    def names(self) -> frozenset[str]:
        return frozenset(self._manifest)

    def url(self, name: str) -> str:
        asset = self._manifest.get(name)
        return f"/static/{name}?v={asset.digest}" if asset else f"/static/{name}"

    def response(self, request: Request, name: str) -> Response:
        asset = self._manifest.get(name)
        # The URL as sent must be the name itself: no percent-encoding (an encoded slash) spells it.
        raw_path: bytes | None = request.scope.get("raw_path")
        if asset is None or (raw_path is not None and not raw_path.endswith(b"/static/" + name.encode())):
            raise NotFoundError(f"No static file {name[:80]!r}. Pages link to every file they need.")
        # A URL carrying the right digest never changes: let browsers keep it for a year.
        immutable = request.query_params.get("v") == asset.digest
        headers = {"ETag": asset.etag, "Vary": "Accept-Encoding",
                   "Cache-Control": "public, max-age=31536000, immutable" if immutable else "no-cache"}
        if _matches(request.headers.get("if-none-match", ""), asset.etag):
            return Response(status_code=304, headers=headers)
        body = asset.body
        if asset.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            body, headers["Content-Encoding"] = asset.gzipped, "gzip"
        return Response(body, media_type=asset.media_type, headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return etag in tags or "*" in tags
