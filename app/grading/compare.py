"""Compare a candidate's output with the expected one, explaining the first difference."""

from __future__ import annotations

from typing import Any

import numpy as np

_KIND_NAMES = {"b": "bool", "i": "integer", "u": "integer", "f": "float", "c": "complex"}


def compare_outputs(
    expected: Any,
    actual: Any,
    *,
    rtol: float,
    atol: float,
    path: str = "",
    reveal: bool = True,
    input_shapes: tuple[tuple[int, ...], ...] = (),
) -> str | None:
    """Return None when `actual` matches `expected`, else a message naming the first difference.

    Shape is checked before dtype and dtype before values, because a shape mismatch is
    the most informative hint (usually the wrong axis), and values of the wrong shape
    cannot be compared at all.
    """
    where = f" in {path}" if path else ""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected a dict{where}, got {_describe(actual)}"
        missing = sorted(set(expected) - set(actual))
        if missing:  # extra keys are tolerated: the contract names the keys a result must have
            return f"missing key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}{where}"
        for key in expected:
            message = compare_outputs(expected[key], actual[key], rtol=rtol, atol=atol, path=f"{path}[{key!r}]",
                                      reveal=reveal, input_shapes=input_shapes)
            if message:
                return message
        return None
    if isinstance(expected, (list, tuple)):
        kind = "tuple" if isinstance(expected, tuple) else "list"
        if not isinstance(actual, (list, tuple)):
            return f"expected a {kind} of {len(expected)}{where}, got {_describe(actual)}"
        if len(actual) != len(expected):
            return f"expected a {kind} of {len(expected)} items{where}, got {len(actual)}"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            message = compare_outputs(want, got, rtol=rtol, atol=atol, path=f"{path}[{index}]", reveal=reveal,
                                      input_shapes=input_shapes)
            if message:
                return message
        return None
    if isinstance(expected, np.ndarray):
        return _compare_arrays(expected, actual, rtol=rtol, atol=atol, where=where, reveal=reveal,
                               input_shapes=input_shapes)
    if expected is None:
        return None if actual is None else f"expected None{where}, got {_describe(actual)}"
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(actual, (bool, np.bool_)):
            return f"expected a bool{where}, got {_describe(actual)}"
        return None if bool(actual) == bool(expected) else f"expected {bool(expected)}{where}, got {bool(actual)}"
    if isinstance(expected, (int, float, np.number)):
        return _compare_scalars(expected, actual, rtol=rtol, atol=atol, where=where, reveal=reveal)
    if isinstance(expected, str):
        if actual == expected:
            return None
        return f"expected {expected!r}{where}, got {_describe(actual)}" if reveal else f"wrong string{where}"
    raise TypeError(f"cannot compare expected value of type {type(expected).__name__}")


def _compare_scalars(expected: Any, actual: Any, *, rtol: float, atol: float, where: str, reveal: bool) -> str | None:
    if isinstance(actual, np.ndarray) and actual.ndim == 0:
        actual = actual[()]
    if isinstance(actual, (bool, np.bool_)) or not isinstance(actual, (int, float, np.number)):
        return f"expected a number{where}, got {_describe(actual)}"
    expected_is_int = isinstance(expected, (int, np.integer))
    if (expected_is_int and not isinstance(actual, (int, np.integer))
            and not (isinstance(actual, (float, np.floating)) and float(actual).is_integer())):
        return f"expected an integer{where}, got {_format_number(actual)}"
    if np.iscomplexobj(actual) and not np.iscomplexobj(expected):
        return f"expected a real number{where}, got the complex {_format_number(actual)}"
    if type(actual) is int and not _fits_float(actual):
        return f"expected {_format_number(expected) if reveal else 'a number'}{where}, got {_describe(actual)}"
    want, got = complex(expected), complex(actual)
    if np.isfinite(want) and not np.isfinite(got):
        return f"expected a finite value {expected!r}{where}, got {_nonfinite_name(got)}"
    if got == want or abs(got - want) <= atol + rtol * abs(want):
        return None
    if not reveal:
        relative = abs(got - want) / max(abs(want), 1e-300)
        return f"the value{where} is off by {abs(got - want):.3g} (relative {relative:.3g})"
    return f"expected {_format_number(expected)}{where}, got {_format_number(actual)}"


def _compare_arrays(expected: np.ndarray, actual: Any, *, rtol: float, atol: float, where: str, reveal: bool,
                    input_shapes: tuple[tuple[int, ...], ...]) -> str | None:
    if not isinstance(actual, np.ndarray):
        if isinstance(actual, (list, tuple)):
            return f"expected a numpy array{where}, got a {type(actual).__name__}: return np.asarray(...) of it"
        return f"expected a numpy array of shape {expected.shape}{where}, got {_describe(actual)}"
    if actual.shape != expected.shape:
        return shape_message(expected.shape, actual.shape, input_shapes, where=where)
    want_kind, got_kind = _kind(expected.dtype), _kind(actual.dtype)
    if want_kind != got_kind:
        return (
            f"expected {_KIND_NAMES.get(want_kind, want_kind)} values{where}, got dtype {actual.dtype}"
            + (": cast with .astype(int)" if want_kind == "i" and got_kind == "f" else "")
        )
    if expected.size == 0:
        return None
    if want_kind in ("b", "i"):
        diff = np.argwhere(expected != actual)
        if diff.size == 0:
            return None
        index = tuple(int(i) for i in diff[0])
        detail = f": expected {expected[index].item()!r}, got {actual[index].item()!r}" if reveal else ""
        return f"{len(diff)} of {expected.size} values differ{where}; first at index {_fmt_index(index)}{detail}"
    return _compare_floats(expected, actual, rtol=rtol, atol=atol, where=where, reveal=reveal)


def _compare_floats(expected: np.ndarray, actual: np.ndarray, *, rtol: float, atol: float, where: str,
                    reveal: bool) -> str | None:
    want = expected.astype(np.complex128 if np.iscomplexobj(expected) else np.float64)
    got = actual.astype(np.complex128 if np.iscomplexobj(actual) else np.float64)
    bad_nonfinite = np.isfinite(want) & ~np.isfinite(got)
    if bad_nonfinite.any():
        count = int(bad_nonfinite.sum())
        index = tuple(int(i) for i in np.argwhere(bad_nonfinite)[0])
        return (
            f"{count} value{'s' if count > 1 else ''}{where} {'are' if count > 1 else 'is'} "
            f"{_nonfinite_name(got[index])} where finite values were expected "
            f"(first at index {_fmt_index(index)}"
            + (f", expected {_format_number(want[index])})" if reveal else ")")
        )
    with np.errstate(all="ignore"):
        close = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    with np.errstate(all="ignore"):
        error = np.where(close, 0.0, np.abs(got - want))
    index = tuple(int(i) for i in np.unravel_index(int(np.nanargmax(error)), error.shape))
    count = int((~close).sum())
    detail = (f": expected {_format_number(want[index])}, got {_format_number(got[index])}" if reveal
              else f" (off by {error[index]:.3g})")
    return (
        f"{count} of {expected.size} values differ{where} beyond rtol={rtol:g}, atol={atol:g}; "
        f"largest error at index {_fmt_index(index)}{detail}"
    )


def shape_message(expected: tuple[int, ...], actual: tuple[int, ...], input_shapes: tuple[tuple[int, ...], ...],
                  *, where: str = "") -> str:
    return f"expected shape {expected}{where}, got {actual}{_shape_hint(expected, actual, input_shapes)}"


def _shape_hint(expected: tuple[int, ...], actual: tuple[int, ...], input_shapes: tuple[tuple[int, ...], ...]) -> str:
    """Guess the likely mistake behind a shape mismatch, the way an interviewer would."""
    for shape in input_shapes:
        if len(shape) == 2 and shape[0] != shape[1]:
            rows, cols = shape
            if expected == (cols,) and actual == (rows,):
                return ": did you reduce over axis 1 instead of axis 0?"
            if expected == (rows,) and actual == (cols,):
                return ": did you reduce over axis 0 instead of axis 1?"
            if expected == (cols, cols) and actual == (rows, rows):
                return ": did you combine rows instead of columns (X @ X.T instead of X.T @ X)?"
            if expected == (rows, rows) and actual == (cols, cols):
                return ": did you combine columns instead of rows (X.T @ X instead of X @ X.T)?"
    if len(expected) > 1 and sorted(expected) == sorted(actual):
        return ": is the result transposed, or were the axes swapped?"
    if len(actual) == len(expected) + 1:
        return ": did you forget to reduce over an axis?"
    if len(actual) + 1 == len(expected):
        return ": did you drop an axis that should be kept (keepdims=True)?"
    if len(expected) == 1 and len(actual) == 1 and abs(expected[0] - actual[0]) == 1:
        return ": off by one?"
    return ""


def _kind(dtype: np.dtype[Any]) -> str:
    return "i" if dtype.kind == "u" else dtype.kind


def _nonfinite_name(value: Any) -> str:
    value = complex(value)
    if np.isnan(value):
        return "NaN"
    return "inf" if (value.real > 0 or value.imag > 0) else "-inf"


def _fits_float(value: int) -> bool:
    return value.bit_length() <= 1023


def _format_number(value: Any) -> str:
    if type(value) is int and not _fits_float(value):
        return _describe(value)
    if isinstance(value, (complex, np.complexfloating)) and complex(value).imag != 0:
        return repr(complex(value))
    number = complex(value).real
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number)) if isinstance(value, (int, np.integer)) else f"{number:.1f}"
    return f"{number:.10g}"


def _fmt_index(index: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, index)) + ("," if len(index) == 1 else "") + ")"


def describe_value(value: Any) -> str:
    """What a value is, in a few words, without printing it (it may be huge)."""
    return _describe(value)


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if value is None:
        return "None (did you forget to return?)"
    if type(value) is int and not _fits_float(value):
        return f"an integer of about {value.bit_length() * 30103 // 100000 + 1} digits, too large for a float"
    if type(value) in (list, tuple, dict):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"a {type(value).__name__}"
