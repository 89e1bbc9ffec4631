"""One size limit on every request body, per route, enforced on the bytes as they stream in.

Routes and pydantic read a body whole before they look at it, so without this a 50 MB body
to any endpoint cost ~100 MB of memory before its 422. Here a body over its route's ceiling is
refused (413, saying the limit) from its Content-Length before a byte is read, or at the first
chunk past the ceiling when the length is absent (chunked) or wrong. JSON bodies are also run
through the shape guard (depth, number length) chunk by chunk, so no parser sees a hostile one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.errors import AppError, PayloadTooLargeError, render_error
from app.json_guard import JsonShapeScanner
from app.questions_models import MAX_STATEMENT_CHARS

MULTIPART_ENVELOPE_BYTES = 64 * 1024  # boundaries and part headers around an uploaded file
QUESTION_BODY_BYTES = 2 * 1024 * 1024  # a QuestionDraft at its field limits (about 300k characters), escaped
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def code_body_bytes(max_code_bytes: int) -> int:
    """The body that can carry `max_code_bytes` of code: JSON escapes (\\uXXXX) make it up to 6x."""
    return 6 * max_code_bytes + 4096


@dataclass(frozen=True)
class BodyCeiling:
    """Bodies to paths matching `pattern` (the whole path) may be at most `max_bytes`."""

    pattern: re.Pattern[str]
    max_bytes: int


def body_ceilings(settings: Settings) -> tuple[BodyCeiling, ...]:
    """Code bodies, snapshots and imports get room; everything else is small JSON or a small form."""
    code = code_body_bytes(settings.max_code_bytes)
    table = (
        (r"/api/challenges/[^/]+/(?:run|submit|submissions|try)|/challenges/[^/]+/(?:run|submit)|/api/drafts/[^/]+",
         code),
        (r"/api/sessions/[^/]+/(?:run|submit|submissions)", code),
        # A paste's size or the page away / back: a few dozen bytes of JSON.
        (r"/api/sessions/[^/]+/integrity", 1024),
        (r"/api/sessions/[^/]+/snapshots", code_body_bytes(settings.snapshot_max_bytes)),
        # A batch of editor updates: a paste of a whole document, its JSON escapes, and the batch's framing.
        (r"/api/sessions/[^/]+/updates", code + 64 * 1024),
        (r"/api/progress/import", settings.max_import_bytes),
        # A question's draft: four code files, the statement, hints (JSON escapes included).
        (r"/api/questions/import", settings.max_question_zip_bytes),
        (r"/api/questions(?:/[^/]+)?", QUESTION_BODY_BYTES),
        # The editor's preview: one statement at its longest, every character escaped (\\uXXXX).
        (r"/api/markdown/preview", 6 * MAX_STATEMENT_CHARS + 4096),
        (r"/progress/import", settings.max_import_bytes + MULTIPART_ENVELOPE_BYTES),
    )
    return tuple(BodyCeiling(re.compile(pattern), max_bytes) for pattern, max_bytes in table)


class BodyLimitMiddleware:
    """Counts body bytes as the app reads them and answers 413 / 422 itself when a body goes too far.

    The error is raised inside the app's own `receive`, so reading stops there; whatever the app
    then answers (FastAPI turns a failed body read into a 400) is replaced by this middleware's
    error, rendered by the app's one error handler.
    """

    def __init__(self, app: ASGIApp, *, ceilings: tuple[BodyCeiling, ...], default_max_bytes: int) -> None:
        self.app = app
        self.ceilings = ceilings
        self.default_max_bytes = default_max_bytes

    def max_bytes_for(self, path: str) -> int:
        for ceiling in self.ceilings:
            if ceiling.pattern.fullmatch(path):
                return ceiling.max_bytes
        return self.default_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.max_bytes_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > max_bytes:
            await _answer(scope, receive, send, _too_large(max_bytes, declared))
            return
        scanner = None if _media_type(scope).startswith(_FORM_TYPES) else JsonShapeScanner()
        received = 0
        refused: AppError | None = None
        started = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and refused is None:
                chunk: bytes = message.get("body", b"")
                received += len(chunk)
                try:
                    if received > max_bytes:
                        raise _too_large(max_bytes, None)
                    if scanner is not None:
                        scanner.feed(chunk)
                except AppError as error:
                    refused = error
                    raise
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused is not None and not started:
                return  # the app's answer to a body it could not read; ours goes out below
            started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if refused is None:
                raise
        if refused is not None and not started:
            await _answer(scope, receive, send, refused)


def _too_large(max_bytes: int, declared: int | None) -> PayloadTooLargeError:
    size = f"is {declared:,} bytes" if declared is not None else "goes on past the limit"
    return PayloadTooLargeError(f"The request body {size}; the limit here is {max_bytes:,} bytes "
                                f"({max_bytes / 1024:,.0f} KiB). Send less.")


async def _answer(scope: Scope, receive: Receive, send: Send, error: AppError) -> None:
    response = render_error(Request(scope, receive), error)
    await response(scope, receive, send)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


def _content_length(scope: Scope) -> int | None:
    raw = _header(scope, b"content-length")
    # The server (h11 / httptools) has already refused a malformed Content-Length.
    return int(raw) if raw is not None and raw.isdigit() and len(raw) <= 18 else None


def _media_type(scope: Scope) -> str:
    raw = _header(scope, b"content-type") or b""
    return raw.decode("latin-1").split(";", 1)[0].strip().lower()
