"""Run on the candidate's own input: parse it, call their function and the reference, all in the sandbox.

The text the candidate typed is hostile, so the server never evaluates it: a trusted parser runs in a
sandbox job of its own (literals and a few NumPy constructors only, read from the syntax tree, never
`eval`) and hands back plain data. The reference then runs in a job of its own (so the candidate's
code cannot patch NumPy under it), the candidate's code in another, and the two outputs are compared
outside with the challenge's tolerance by the trusted comparison.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel

from app.catalog import Challenge
from app.grading.compare import compare_outputs
from sandbox import Call, Job, Limits, RunResult, Sandbox

MAX_ARGUMENT_CHARS = 4000
PREVIEW_CHARS = 600
PARSE_LIMITS = Limits(cpu_seconds=1, wall_seconds=3)
PARSER_FUNCTION = "parse_arguments"
# Runs inside the sandbox. Accepts what one would type between the parentheses of a call: literals,
# lists, tuples, dicts, keyword arguments, +/- and arithmetic on numbers, np.nan / np.inf / np.pi, and
# np.array / zeros / ones / full / arange / linspace / eye with .reshape / .astype / .T, capped in size.
PARSER_CODE = r'''
import ast
import math

import numpy as np

MAX_ELEMENTS = 1_000_000
CONSTANTS = {"nan": np.nan, "inf": np.inf, "pi": np.pi, "e": np.e}
DTYPES = {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "uint16", "uint32",
          "uint64", "bool_", "complex128", "complex64"}
CONSTRUCTORS = {"array", "asarray", "zeros", "ones", "full", "arange", "linspace", "eye", "identity"}
KEYWORDS = {"dtype", "num", "endpoint", "k", "fill_value", "shape", "step"}
NUMBER = (int, float, complex)


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted(node.value) + "." + node.attr
    raise ValueError("only np.<name> is accepted here")


def numpy_name(node):
    name = dotted(node)
    module, _, attribute = name.partition(".")
    if module not in ("np", "numpy") or not attribute or "." in attribute:
        raise ValueError(f"{name} is not accepted: use literals and np.array(...), np.zeros(...), np.arange(...)")
    return attribute


def count(shape):
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise ValueError("a shape is a tuple of non-negative integers")
    return math.prod(shape)


def check_size(n):
    if n > MAX_ELEMENTS:
        raise ValueError(f"that input has {n:,} elements; the limit is {MAX_ELEMENTS:,}")


def construct(name, args, kwargs):
    if name in ("zeros", "ones", "full"):
        check_size(count(args[0] if args else kwargs.get("shape", 0)))
    elif name in ("eye", "identity"):
        rows = args[0] if args else 0
        cols = args[1] if len(args) > 1 and args[1] is not None else rows
        check_size(count((rows, cols)))
    elif name == "arange":
        start, stop, step = (0, args[0], 1) if len(args) == 1 else (tuple(args) + (1,))[:3]
        step = kwargs.get("step", step)
        if not all(isinstance(v, (int, float)) for v in (start, stop, step)) or step == 0:
            raise ValueError("np.arange takes numbers and a non-zero step")
        check_size(max(0, math.ceil((stop - start) / step)))
    elif name == "linspace":
        num = args[2] if len(args) > 2 else kwargs.get("num", 50)
        check_size(count(num))
    value = getattr(np, name)(*args, **kwargs)
    check_size(value.size)
    return value


def dtype_of(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        name = node.value
    elif isinstance(node, ast.Name) and node.id in ("float", "int", "bool", "complex"):
        name = node.id
    else:
        name = numpy_name(node)
    if name not in DTYPES | {"float", "int", "bool", "complex"}:
        raise ValueError(f"dtype {name!r} is not accepted")
    return np.dtype(name)


def keywords(node):
    found = {}
    for keyword in node.keywords:
        if keyword.arg is None or keyword.arg not in KEYWORDS:
            raise ValueError(f"the keyword {keyword.arg or '**'} is not accepted in {dotted(node.func)}")
        found[keyword.arg] = dtype_of(keyword.value) if keyword.arg == "dtype" else value(keyword.value)
    return found


def arithmetic(op, left, right):
    if not (isinstance(left, NUMBER) and isinstance(right, NUMBER)) or isinstance(left, bool) \
            or isinstance(right, bool):
        raise ValueError("arithmetic is accepted on numbers only")
    if isinstance(op, ast.Add):
        return left + right
    if isinstance(op, ast.Sub):
        return left - right
    if isinstance(op, ast.Mult):
        return left * right
    if isinstance(op, ast.Div):
        return left / right
    raise ValueError("only +, -, * and / are accepted")


def call(node):
    if any(isinstance(a, ast.Starred) for a in node.args):
        raise ValueError("*arguments are not accepted")
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("reshape", "astype") \
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy")):
        target = value(node.func.value)
        if not isinstance(target, np.ndarray):
            raise ValueError(f".{node.func.attr} applies to an array")
        if node.func.attr == "astype":
            return target.astype(dtype_of(node.args[0]))
        shape = [value(a) for a in node.args]
        return target.reshape(*shape)
    name = numpy_name(node.func)
    if name not in CONSTRUCTORS:
        raise ValueError(f"np.{name} is not accepted: use np.array, zeros, ones, full, arange, linspace or eye")
    return construct(name, [value(a) for a in node.args], keywords(node))


def value(node):
    if isinstance(node, ast.Constant):
        if node.value is None or isinstance(node.value, (bool, int, float, complex, str)):
            return node.value
        raise ValueError(f"{type(node.value).__name__} values are not accepted")
    if isinstance(node, ast.List):
        return [value(item) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(value(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise ValueError("** in a dict is not accepted")
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = value(node.operand)
        if isinstance(operand, np.ndarray):
            return -operand if isinstance(node.op, ast.USub) else operand
        return arithmetic(ast.Sub() if isinstance(node.op, ast.USub) else ast.Add(), 0, operand)
    if isinstance(node, ast.BinOp):
        return arithmetic(node.op, value(node.left), value(node.right))
    if isinstance(node, ast.Attribute) and node.attr == "T":
        target = value(node.value)
        if not isinstance(target, np.ndarray):
            raise ValueError(".T applies to an array")
        return target.T
    if isinstance(node, ast.Attribute):
        name = numpy_name(node)
        if name in CONSTANTS:
            return CONSTANTS[name]
        raise ValueError(f"np.{name} is not accepted as a value")
    if isinstance(node, ast.Call):
        return call(node)
    raise ValueError(f"{type(node).__name__} is not accepted: type literals and np.array(...) only")


def parse_arguments(text):
    try:
        tree = ast.parse("f(\n" + text + "\n)", mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not a list of arguments: {exc.msg}") from None
    node = tree.body
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "f"):
        raise ValueError("type the arguments as they go between the parentheses of a call")
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise ValueError("*arguments and **keywords are not accepted")
    return [[value(a) for a in node.args], {k.arg: value(k.value) for k in node.keywords}]
'''


class CustomRunPublic(BaseModel):
    """The candidate's function and the reference on the candidate's own input, side by side."""

    arguments: str  # the parsed input, as shown back
    yours: str | None = None  # None when it did not return (see `error`)
    reference: str | None = None
    matches: bool | None = None  # None when either side did not return
    message: str  # what the comparison found, or why there is nothing to compare
    error: str | None = None  # the candidate's exception or limit, with its line
    input_error: str | None = None  # the input could not be read (nothing ran)


def preview(value: Any) -> str:
    """A short text of a value, like the tests' previews (arrays with shape and dtype)."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=60, precision=6, separator=", ")
        text = f"array({text}, shape={value.shape}, dtype={value.dtype})"
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(preview(v) for v in value)
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k!r}: {preview(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, np.generic):
        text = repr(value.item())
    else:
        text = repr(value)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 3] + "..."


def _returned(result: RunResult) -> tuple[bool, Any, str | None]:
    """(returned, value, why not): a job of one call."""
    if result.outcome != "ok":
        return False, None, result.message[0].upper() + result.message[1:]
    call = result.calls[0]
    if call.status == "ok":
        return True, call.value, None
    if call.error is not None:
        return False, None, call.error.summary()
    return False, None, "the call did not return (its time ran out)" if call.status == "timeout" \
        else "it returned something that is not plain data"


def parse_input(sandbox: Sandbox, text: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The typed arguments as plain data, read in the sandbox; ValueError says what could not be read."""
    result = sandbox.run(Job(code=PARSER_CODE, function=PARSER_FUNCTION, calls=(Call(args=(text,)),)),
                         limits=PARSE_LIMITS)
    ok, value, why = _returned(result)
    error = result.calls[0].error if result.outcome == "ok" and result.calls else None
    if error is not None:  # the parser's own message; its line numbers mean nothing to the candidate
        raise ValueError(error.message)
    if result.outcome == "invalid_result":
        raise ValueError("it holds a value that cannot be passed to a function here: use numbers, strings, "
                         "lists, tuples, dicts and arrays")
    if not ok:
        raise ValueError(why.removeprefix("ValueError: ") if why else "the input could not be read")
    is_shaped = isinstance(value, list) and len(value) == 2 and isinstance(value[0], list) \
        and isinstance(value[1], dict) and all(isinstance(k, str) for k in value[1])
    if not is_shaped:  # the parser is ours, but its answer still crossed from the sandbox
        raise ValueError("the input could not be read")
    return tuple(value[0]), dict(value[1])


def run_custom_input(sandbox: Sandbox, challenge: Challenge, code: str, text: str, *, limits: Limits
                     ) -> CustomRunPublic:
    """Blocking: parse, then run the reference and the candidate's code in jobs of their own, and compare."""
    try:
        args, kwargs = parse_input(sandbox, text)
    except ValueError as exc:
        return CustomRunPublic(arguments=text, message="Your input could not be read; nothing ran.",
                               input_error=str(exc))
    shown = ", ".join([preview(a) for a in args] + [f"{k}={preview(v)}" for k, v in kwargs.items()])
    call = Call(args=args, kwargs=kwargs)
    function = challenge.config.function
    reference_job = sandbox.submit(Job(code=challenge.reference_code, function=function, calls=(call,)),
                                   limits=limits)
    yours_job = sandbox.submit(Job(code=code, function=function, calls=(call,), banned=challenge.config.banned),
                               limits=limits)
    reference_result = reference_job.result()
    reference_ok, reference, reference_why = _returned(reference_result)
    reference_error = reference_result.calls[0].error if reference_result.calls else None
    if reference_error is not None:  # the exception only: no line or source of the reference
        reference_why = f"{reference_error.type}: {reference_error.message}"
    yours_ok, yours, yours_why = _returned(yours_job.result())
    if not reference_ok:
        return CustomRunPublic(
            arguments=shown, yours=preview(yours) if yours_ok else None, error=yours_why,
            message=f"The reference does not accept this input ({reference_why}): it is outside what "
                    f"{function} must handle, so there is nothing to compare with.")
    if not yours_ok:
        return CustomRunPublic(arguments=shown, reference=preview(reference), matches=False, error=yours_why,
                               message="Your function did not return a result on this input.")
    difference = compare_outputs(reference, yours, rtol=challenge.config.rtol, atol=challenge.config.atol)
    return CustomRunPublic(
        arguments=shown, yours=preview(yours), reference=preview(reference), matches=difference is None,
        message="Your output matches the reference's (within the challenge's tolerance)." if difference is None
        else f"Your output differs from the reference's: {difference}.")
