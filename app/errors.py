"""The AppError tree and the one handler that renders every error as JSON (/api/) or a page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("arraydojo.errors")


class AppError(Exception):
    """An error the user can act on; each subclass sets its HTTP status and a stable code."""

    status = 500
    code = "internal_error"
    title = "Something went wrong"

    def __init__(self, message: str, *, details: list[str] | None = None, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.headers = headers or {}
        self.extra = extra or {}

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body | self.extra


class NotFoundError(AppError):
    status = 404
    code = "not_found"
    title = "Not found"


class ChallengeNotFoundError(NotFoundError):
    """An unknown challenge id; carries the did-you-mean suggestions."""

    code = "unknown_challenge"

    def __init__(self, challenge_id: str, suggestions: list[str]) -> None:
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No challenge {challenge_id!r}.{hint} See /challenges for the full list.",
                         extra={"suggestions": suggestions})
        self.suggestions = suggestions


class InvalidInputError(AppError):
    status = 422
    code = "invalid_input"
    title = "That request could not be read"


class UnauthorizedError(AppError):
    """No token, or a token that does not open this session."""

    status = 401
    code = "unauthorized"
    title = "A token is needed"

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class TooManyRequestsError(AppError):
    status = 429
    code = "too_many_requests"
    title = "Too many requests"

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after_seconds)},
                         extra={"retry_after_seconds": retry_after_seconds})


class PayloadTooLargeError(AppError):
    status = 413
    code = "payload_too_large"
    title = "Too large"


class ForbiddenError(AppError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class CrossSiteError(ForbiddenError):
    """A write sent by another site's page (its Origin is not ours)."""

    code = "cross_site"


class HostNotAllowedError(AppError):
    """A Host header this server does not answer to (DNS rebinding, or links built for another name)."""

    status = 400
    code = "host_not_allowed"
    title = "Unknown host"


class ConflictError(AppError):
    status = 409
    code = "conflict"
    title = "Not possible now"


class UpstreamError(AppError):
    """A service we depend on (an OpenID Connect provider) answered wrongly or not at all."""

    status = 502
    code = "upstream_error"
    title = "Another service did not answer as expected"


class BusyError(AppError):
    """Every sandbox slot is busy and the queue is full: retry after a few seconds."""

    status = 503
    code = "busy"
    title = "The grader is busy"

    def __init__(self, message: str, *, retry_after_seconds: int, queue_depth: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after_seconds),
                                           "X-Queue-Position": str(queue_depth + 1)},
                         extra={"retry_after_seconds": retry_after_seconds, "queue_depth": queue_depth,
                                "position": queue_depth + 1})


def is_api_request(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def render_error(request: Request, error: AppError) -> Response:
    """JSON for the API, a fragment for the page's fetches, a full page for browsers."""
    headers = error.headers
    if is_api_request(request):
        return JSONResponse({"error": error.payload()}, status_code=error.status, headers=headers)
    templates = getattr(request.app.state, "templates", None)
    context = {"error": error, "title": error.title}
    if templates is None:  # failed before start-up finished: no templates to use
        return HTMLResponse(f"<h1>{error.title}</h1><p>{error.message}</p>", status_code=error.status, headers=headers)
    name = "_error.html" if request.headers.get("x-fragment") else "error.html"
    response: Response = templates.TemplateResponse(request, name, context, status_code=error.status, headers=headers)
    return response


def _validation_details(exc: RequestValidationError) -> list[str]:
    details = []
    for item in exc.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body") or "body"
        details.append(f"{where}: {item.get('msg', 'invalid')}")
    return details


def oversized_input_error(exc: BaseException) -> InvalidInputError | None:
    """A 422 for the two ways input alone can crash Python's parsers, should one get past the guards.

    `int()` refuses more than 4,300 digits (sys.get_int_max_str_digits) with a ValueError, and
    recursive parsers of deeply nested input raise RecursionError. Neither is a fault of ours to log
    as a 500; `app/json_guard.py` and `app/parsing.py` refuse such input before it is parsed.
    """
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return InvalidInputError("A number in the request has too many digits; send numbers of ordinary size.")
    if isinstance(exc, RecursionError):
        return InvalidInputError("The request is nested too deeply to read; send a flatter one.")
    return None


def install_error_handlers(app: FastAPI) -> None:
    """One handler for every error, so HTML and JSON errors always have the same shape."""

    async def handle_app_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        return render_error(request, exc)

    async def handle_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return render_error(request, InvalidInputError("The request is not valid.", details=_validation_details(exc)))

    async def handle_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            error: AppError = NotFoundError(f"Nothing at {request.url.path}. Start from / or see /challenges.")
        else:
            error = AppError(str(exc.detail))
            error.status = exc.status_code
            error.code = "http_error"
            error.title = str(exc.detail)
        error.headers = dict(exc.headers or {}) | error.headers
        return render_error(request, error)

    async def handle_unexpected(request: Request, exc: Exception) -> Response:
        oversized = oversized_input_error(exc)
        if oversized is not None:  # the request's shape, not our bug: the guards should have caught it first
            log.warning("oversized input reached %s %s: %s", request.method, request.url.path, exc)
            return render_error(request, oversized)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return render_error(request, AppError("An internal error occurred on our side; please try again."))

    app.add_exception_handler(AppError, handle_app_error)
    app.add_exception_handler(RequestValidationError, handle_validation)
    app.add_exception_handler(StarletteHTTPException, handle_http)
    app.add_exception_handler(Exception, handle_unexpected)
