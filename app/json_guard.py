"""A streaming check of raw JSON bytes for nesting depth and number length, run before any parser.

Python's `json` recurses once per level (100,000 levels is a RecursionError) and refuses integers
over 4,300 digits with a ValueError; both used to surface as 500s. This scanner looks only at
structure (brackets outside strings, runs of digits), chunk by chunk as the body arrives, so a
hostile body is refused before it is buffered, parsed or handed to pydantic. It does not validate
JSON: the parser still does that, on input now known to be shallow and short-numbered.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.errors import InvalidInputError

# Exports nest about 8 deep; nothing the API accepts needs more than a handful of levels.
MAX_JSON_DEPTH = 64
# A float64 needs at most 17 significant digits; 100 leaves room for any honest spelling.
MAX_NUMBER_DIGITS = 100

_BACKSLASH, _QUOTE = ord("\\"), ord('"')
_OPEN_SQUARE, _OPEN_CURLY, _CLOSE_SQUARE, _CLOSE_CURLY = (ord(c) for c in "[{]}")


class JsonShapeScanner:
    """Feed it the body's chunks in order; `feed` raises InvalidInputError (422) at the first excess.

    Each chunk is scanned with a few NumPy passes: 14 MiB of `[],` took 0.5 s on a busy shared
    core, where a token-by-token Python loop took 3.9 s on the event loop. Only a valid prefix matters, because
    every JSON parser stops at the first error: there, backslashes occur only inside strings, so
    a quote after an odd run of backslashes is escaped and every other quote opens or closes one.
    """

    def __init__(self, *, max_depth: int = MAX_JSON_DEPTH, max_digits: int = MAX_NUMBER_DIGITS) -> None:
        self.max_depth = max_depth
        self.max_digits = max_digits
        self.depth = 0
        self._in_string = False
        self._backslashes = 0  # the run of backslashes that ended the previous chunk
        self._digits = 0  # the run of digits (outside strings) that ended the previous chunk

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        data = np.frombuffer(chunk, dtype=np.uint8)
        outside = self._outside_strings(data)
        opens = ((data == _OPEN_SQUARE) | (data == _OPEN_CURLY)) & outside
        closes = ((data == _CLOSE_SQUARE) | (data == _CLOSE_CURLY)) & outside
        delta = opens.astype(np.int64) - closes
        running = self.depth + np.cumsum(delta)
        if int(running.max()) > self.max_depth:
            raise InvalidInputError(f"The JSON body nests deeper than {self.max_depth} levels; "
                                    "nothing this API accepts needs that many.")
        self.depth = int(running[-1])
        digits = _run_lengths((data >= ord("0")) & (data <= ord("9")) & outside, carried=self._digits)
        if int(digits.max()) > self.max_digits:
            raise InvalidInputError(f"A number in the JSON body has more than {self.max_digits} digits; "
                                    "send numbers of ordinary size.")
        self._digits = int(digits[-1])

    def _outside_strings(self, data: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
        """True where a byte is outside every string (quotes themselves count as inside)."""
        backslashes = _run_lengths(data == _BACKSLASH, carried=self._backslashes)
        before = np.concatenate(([self._backslashes], backslashes[:-1]))
        quotes = (data == _QUOTE) & (before % 2 == 0)
        opened = np.cumsum(quotes) + int(self._in_string)  # quotes seen up to and including each byte
        self._backslashes = int(backslashes[-1])
        self._in_string = bool(opened[-1] % 2)
        outside: npt.NDArray[np.bool_] = ((opened - quotes) % 2 == 0) & ~quotes
        return outside


def _run_lengths(mask: npt.NDArray[np.bool_], *, carried: int) -> npt.NDArray[np.int64]:
    """For each position, how many True values end there in a row (0 where False), continuing `carried`."""
    index = np.arange(mask.size, dtype=np.int64)
    last_false = np.maximum.accumulate(np.where(mask, -1, index))
    return np.where(last_false < 0, index + 1 + carried, index - last_false)


def check_json_shape(raw: bytes | str) -> None:
    """Whole-body form of the scanner, for JSON that arrives another way (an uploaded file)."""
    JsonShapeScanner().feed(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
