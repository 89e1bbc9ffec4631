"""Numbers from untrusted text (headers, forms, query strings), parsed strictly and within bounds.

`str.isdigit()` accepts '²' and '١٢', which `int()` then refuses or reads as Arabic-Indic
digits; `int()` refuses more than 4,300 digits with a ValueError; and SQLite refuses integers
past 2**63 - 1 with an OverflowError. Each of these was a 500. Here only ASCII digits, of
bounded length and value, become numbers; anything else is a 422 saying what was expected.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Path, Query

from app.errors import InvalidInputError

# Row ids and event ids fit every engine we run on: PostgreSQL's integer columns stop at 2**31 - 1
# (SQLite's at 2**63 - 1), so a larger id can name no row anywhere and is refused as input.
MAX_ROW_ID = 2**31 - 1
# Lessons are numbered from 1 (files `NN-slug.md`): a form's lesson range stays small whatever it says.
MAX_LESSON_NUMBER = 99
_ASCII_INT = re.compile(r"[+-]?[0-9]{1,19}")

# Route parameter types: an id or cursor outside the databases' integer range is a 422, not an overflow.
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A positive row id")]
EventCursor = Annotated[int, Query(ge=0, le=MAX_ROW_ID, description="Send only events after this id")]
RowIdQuery = Annotated[int, Query(ge=1, le=MAX_ROW_ID, description="A positive row id")]


def parse_int(text: str, *, low: int, high: int, what: str) -> int:
    """`text` (spaces around it allowed) as an int in [low, high], or a 422 naming `what` and the range."""
    stripped = text.strip()
    if not _ASCII_INT.fullmatch(stripped):
        raise InvalidInputError(f"The {what} must be a whole number from {low} to {high}, "
                                f"written with the digits 0-9; got {stripped[:20]!r}.")
    value = int(stripped)
    if not low <= value <= high:
        raise InvalidInputError(f"The {what} must be from {low} to {high}; got {value}.")
    return value


def parse_event_id(text: str | None) -> int | None:
    """A Last-Event-ID header, or None when it is absent or not one of our ids (then it is ignored).

    Browsers send back the last `id:` the stream gave them; anything else was not written by us,
    and resuming from the start is always safe.
    """
    if text is None:
        return None
    try:
        return parse_int(text, low=0, high=MAX_ROW_ID, what="Last-Event-ID")
    except InvalidInputError:
        return None
