"""One short, bounded preview of any value for a report: built from slices, never from the whole repr.

A submission may return a 60 MB array, a 4000-digit integer or lists nested 32 deep; the text
shown is at most PREVIEW_CHARS, and the work to build it is bounded by what is shown (slices of
arrays, the first items of containers), not by the size of the value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

PREVIEW_CHARS = 400
_ITEMS = 12  # first items of a list/dict, first entries per array axis
_DEPTH = 4
_DIGITS = 40  # of a huge integer, with its digit count


def preview(value: Any) -> str:
    """A one-line description of `value`, at most PREVIEW_CHARS long."""
    return _cut(_text(value, _DEPTH))


def preview_call(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [_text(a, _DEPTH) for a in args] + [f"{k}={_text(v, _DEPTH)}" for k, v in kwargs.items()]
    return _cut(", ".join(parts))


def _text(value: Any, depth: int) -> str:
    kind = type(value)  # exact types: a subclass's __repr__ is the submission's code
    if kind is np.ndarray:
        return _array(value)
    if isinstance(value, np.generic):
        return _text(value.item(), depth) if value.dtype.kind in "biufc" else f"<{kind.__name__}>"
    if kind is int:
        return _integer(value)
    if kind in (float, complex, bool) or value is None:
        return repr(value)
    if kind in (str, bytes):
        shown = value[: PREVIEW_CHARS]
        return repr(shown) + ("..." if len(value) > len(shown) else "")
    if kind in (list, tuple):
        if depth <= 0:
            return "[...]" if kind is list else "(...)"
        items = [_text(v, depth - 1) for v in value[:_ITEMS]]
        if len(value) > _ITEMS:
            items.append(f"... {len(value) - _ITEMS} more")
        inner = ", ".join(items)
        return f"[{inner}]" if kind is list else f"({inner}{',' if len(value) == 1 else ''})"
    if kind is dict:
        if depth <= 0:
            return "{...}"
        pairs = [f"{_text(k, 0)}: {_text(v, depth - 1)}" for k, v in list(value.items())[:_ITEMS]]
        if len(value) > _ITEMS:
            pairs.append(f"... {len(value) - _ITEMS} more")
        return "{" + ", ".join(pairs) + "}"
    return f"<{kind.__name__}>"


def _integer(value: int) -> str:
    if -(10**_DIGITS) < value < 10**_DIGITS:
        return int.__repr__(value)
    digits = value.bit_length() * 30103 // 100000 + 1  # about log10(2) digits per bit
    return f"<an integer of about {digits} digits>"


def _array(array: np.ndarray) -> str:
    """Print at most _ITEMS entries per axis of a slice: array2string of the whole would walk it all."""
    shown = array[tuple(slice(0, _ITEMS) for _ in range(array.ndim))] if array.ndim else array
    try:
        body = np.array2string(shown, threshold=60, edgeitems=3, precision=6, separator=", ", max_line_width=10**6)
    except Exception:  # an exotic dtype numpy cannot print
        body = "?"
    cut = " (first entries)" if shown.size < array.size else ""
    return f"array({' '.join(body.split())}{cut}, shape={array.shape}, dtype={array.dtype})"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 3] + "..."
