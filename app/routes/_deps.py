"""Shared route dependencies: the app context, the profile, the grade ticket, and reading a code body safely."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import Depends, Header, Request, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field, ValidationError

from app import store
from app.context import AppContext
from app.errors import InvalidInputError, PayloadTooLargeError
from app.grading.custom_input import MAX_ARGUMENT_CHARS
from app.json_guard import check_json_shape
from app.services import accounts, attempts, dashboard, interviews
from app.services.attempts import check_code

T = TypeVar("T")
_TICKET = re.compile(r"[A-Za-z0-9_-]{1,64}")


class CodeBody(BaseModel):
    """The one body for code: run, submit, draft and snapshot requests (`challenge` in a session's)."""

    code: str = Field(description="Python source, at most 64 KiB of UTF-8", examples=["import numpy as np\n"])
    challenge: str | None = Field(default=None, max_length=64, examples=["softmax"],
                                  description="In a session: which of its challenges the code is for")
    arguments: str | None = Field(default=None, max_length=MAX_ARGUMENT_CHARS, examples=["np.array([[1.0, 2.0]])"],
                                  description="Custom input (`try` only): the arguments as typed between a call's "
                                              "parentheses; read in the sandbox, never evaluated on the server")


CODE_BODY_DOC: dict[str, Any] = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": CodeBody.model_json_schema()}}}
}


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.arraydojo
    return context


def get_token_hash(request: Request) -> str:
    token_hash: str = request.state.profile_token_hash
    return token_hash


def grade_ticket(x_grade_ticket: Annotated[str | None, Header(include_in_schema=False)] = None) -> str | None:
    """The page's name for its grade (to poll /api/queue/{ticket}); anything malformed just gets a fresh one."""
    return x_grade_ticket if x_grade_ticket and _TICKET.fullmatch(x_grade_ticket) else None


Context = Annotated[AppContext, Depends(get_context)]
TokenHash = Annotated[str, Depends(get_token_hash)]
GradeTicket = Annotated[str | None, Depends(grade_ticket)]
# Only for /docs' "Authorize" button; the header is parsed by interviews.bearer_token for clear errors.
_bearer_doc = HTTPBearer(auto_error=False, description="The candidate's or the interviewer's token")


def set_login_cookie(response: Response, login: accounts.Login, *, secure: bool) -> None:
    # HttpOnly: page scripts never see it. SameSite=Lax plus the Origin check on writes keep other
    # sites from acting with it.
    response.set_cookie(accounts.COOKIE_NAME, login.token, max_age=login.max_age_seconds, path="/", httponly=True,
                        samesite="lax", secure=secure)


def client_address(request: Request) -> str:
    """The peer's address (a reverse proxy's, unless uvicorn runs with --proxy-headers behind it)."""
    return request.client.host if request.client else "unknown"


def login_token(request: Request) -> str | None:
    return request.cookies.get(accounts.COOKIE_NAME)


def current_account(request: Request, context: Context) -> store.Account | None:
    """The logged-in account, if any (read once per request)."""
    if not hasattr(request.state, "account"):
        request.state.account = accounts.current_account(db=context.db, token=login_token(request))
    account: store.Account | None = request.state.account
    return account


MaybeAccount = Annotated[store.Account | None, Depends(current_account)]


def required_account(account: MaybeAccount) -> store.Account:
    return accounts.require_account(account)


LoggedIn = Annotated[store.Account, Depends(required_account)]


def session_access(session_id: str, request: Request, context: Context, _doc: Annotated[Any, Depends(_bearer_doc)],
                   authorization: Annotated[str | None, Header(include_in_schema=False)] = None
                   ) -> interviews.Access:
    """The link's token decides; without one, the logged-in account that created the session is its interviewer."""
    if authorization is None:
        account = current_account(request, context)
        if account is not None:
            return dashboard.owner_access(db=context.db, account=account, session_id=session_id)
    token = interviews.bearer_token(authorization)
    return interviews.authenticate(db=context.db, session_id=session_id, token=token)


SessionAccess = Annotated[interviews.Access, Depends(session_access)]


async def read_body(request: Request, *, max_bytes: int) -> bytes:
    """The raw body, refusing (413) anything over max_bytes before reading all of it."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLargeError(f"The request body is {int(declared):,} bytes; the limit is {max_bytes:,}.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLargeError(f"The request body is over the limit of {max_bytes:,} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def decode_utf8(raw: bytes, *, what: str = "request body") -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"The {what} is not valid UTF-8: byte 0x{raw[exc.start]:02x} at position {exc.start}. "
            "Send the code as UTF-8 text.") from None


def parse_json(text: str) -> Any:
    check_json_shape(text)  # depth and number length: json.loads would raise RecursionError / ValueError
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"The request body is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                f"column {exc.colno}.") from None


def _fields(request: Request, text: str) -> Any:
    """The body's fields: a JSON object, or a form (the challenge page without JavaScript)."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return parse_json(text)
    form = parse_qs(text, keep_blank_values=True)
    if not form.get("code"):
        raise InvalidInputError("The form has no 'code' field.")
    return {name: values[0].replace("\r\n", "\n") for name, values in form.items() if name in CodeBody.model_fields}


def _problem(error: Any) -> str:
    name = ".".join(str(p) for p in error["loc"]) or "the body"
    if error["type"] == "missing":
        return f"'{name}' is missing"
    if error["type"] == "string_type":
        return f"'{name}' is a {type(error['input']).__name__}"
    return f"'{name}': {error['msg']}"


async def read_code(request: Request, *, max_bytes: int, needs_challenge: bool = False) -> CodeBody:
    """The code body with one size limit (on the code itself) and one set of messages for every route."""
    # JSON escapes can make the body up to 6x the code (\\uXXXX); the code's own size is checked after.
    data = _fields(request, decode_utf8(await read_body(request, max_bytes=6 * max_bytes + 4096)))
    example = '{"challenge": "softmax", "code": "import numpy as np"}' if needs_challenge \
        else '{"code": "import numpy as np"}'
    try:
        body = CodeBody.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(f"The body must be a JSON object with a string field \"code\", like {example}; "
                                f"{'; '.join(_problem(e) for e in exc.errors())}.") from None
    if needs_challenge and body.challenge is None:
        raise InvalidInputError(f'The body needs the string field "challenge" too, like {example}.')
    check_code(body.code, max_bytes=max_bytes)
    return body


async def in_thread(function: Callable[..., T], /, **arguments: Any) -> T:
    """Call blocking work (the database, a large parse) from an async route without stalling the event loop."""
    return await anyio.to_thread.run_sync(partial(function, **arguments))


async def start_submit_in_background(context: AppContext, *, seat: attempts.Seat, challenge_id: str, code: str,
                                     client: str, ticket: str | None) -> store.Attempt:
    """Store a submit and grade it in the background, for practice and interviews alike: the caller
    answers with the attempt's id at once and the page follows its parts on the attempt's event stream."""
    context.queue.refuse_if_full(client)  # before storing an attempt no slot would take
    attempt = await in_thread(attempts.start_attempt, db=context.db, grading=context.grading, catalog=context.catalog,
                              seat=seat, challenge_id=challenge_id, code=code, mode="submit")
    context.queue.start(partial(attempts.grade_started, db=context.db, grading=context.grading, seat=seat,
                                attempt=attempt), ticket=ticket, client=client,
                        on_refused=partial(attempts.drop_attempt, db=context.db, seat=seat, attempt=attempt))
    return attempt
