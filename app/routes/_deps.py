"""Shared route dependencies: the app context, the profile, and reading a code body safely."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, Request
from pydantic import BaseModel, Field

from app.context import AppContext
from app.errors import InvalidInputError, PayloadTooLargeError
from app.json_guard import check_json_shape
from app.services.grading import check_code


class CodeBody(BaseModel):
    """The body of run, submit and draft requests."""

    code: str = Field(description="Python source, at most 64 KiB of UTF-8", examples=["import numpy as np\n"])


CODE_BODY_DOC: dict[str, Any] = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": CodeBody.model_json_schema()}}}
}


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.arraydojo
    return context


def get_token_hash(request: Request) -> str:
    token_hash: str = request.state.profile_token_hash
    return token_hash


Context = Annotated[AppContext, Depends(get_context)]
TokenHash = Annotated[str, Depends(get_token_hash)]


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


async def read_code(request: Request, context: AppContext) -> str:
    """`{"code": "..."}` as JSON, or a form field `code` (the page without JavaScript)."""
    limit = context.settings.max_code_bytes
    # JSON escapes can make the body up to 6x the code (\\uXXXX); the code's own size is checked after.
    raw = await read_body(request, max_bytes=6 * limit + 4096)
    text = decode_utf8(raw)
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        values = parse_qs(text, keep_blank_values=True).get("code")
        if not values:
            raise InvalidInputError("The form has no 'code' field.")
        code = values[0].replace("\r\n", "\n")
    else:
        data = parse_json(text)
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            got = type(data.get("code")).__name__ if isinstance(data, dict) and "code" in data else None
            raise InvalidInputError(
                'The body must be a JSON object with a string field "code", like {"code": "import numpy as np"}'
                + (f"; 'code' is a {got}." if got else "; 'code' is missing."))
        code = data["code"]
    return check_code(code, max_bytes=limit)
