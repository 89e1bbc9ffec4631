"""Static evidence for the rubric: what the source shows (loops, hidden loops, copies), by line."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from app.grading.names import Names

HIDDEN_LOOPS = {
    "vectorize": "vectorization.np-vectorize",
    "apply_along_axis": "vectorization.apply-along-axis",
    "apply_over_axes": "vectorization.apply-along-axis",
    "frompyfunc": "vectorization.frompyfunc",
}
MATERIALIZING = {"numpy.tile": "np.tile", "numpy.repeat": "np.repeat"}
BROADCAST_VIEWS = ("numpy.broadcast_to", "numpy.lib.stride_tricks.broadcast_to", "numpy.broadcast_arrays",
                   "numpy.lib.stride_tricks.as_strided")
# Calls that copy their argument into a new array of the same size.
COPYING = ("numpy.array", "numpy.copy", "numpy.ascontiguousarray", "numpy.asfortranarray", "numpy.require")


@dataclass(frozen=True)
class Finding:
    """A feedback id, the line it points at, and values for its message."""

    id: str
    line: int
    detail: str = ""


@dataclass(frozen=True)
class LoopSpan:
    """A loop statement or comprehension: its header line and the lines its body covers."""

    line: int
    first: int
    last: int
    kind: str


def loop_spans(tree: ast.AST) -> list[LoopSpan]:
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
            spans.append(LoopSpan(node.lineno, node.lineno, node.end_lineno or node.lineno,
                                  "while loop" if isinstance(node, ast.While) else "for loop"))
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            spans.append(LoopSpan(node.lineno, node.lineno, node.end_lineno or node.lineno, "comprehension"))
    return spans


def find_static(tree: ast.AST) -> list[Finding]:
    """Hidden loops, .tolist() round trips, appends inside loops, materialising copies, explicit inverses."""
    findings: list[Finding] = []
    loop_lines = {(s.first, s.last) for s in loop_spans(tree)}
    operands = _arithmetic_operands(tree)
    names = Names(tree)

    def inside_loop(line: int) -> bool:
        return any(first <= line <= last for first, last in loop_lines)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        resolved = names.resolve(node.func) or ""
        short = resolved.rsplit(".", 1)[-1] if resolved else (name or "").rsplit(".", 1)[-1]
        shown = resolved.replace("numpy.", "np.", 1) if resolved else (name or "")
        if resolved and short in HIDDEN_LOOPS:
            findings.append(Finding(HIDDEN_LOOPS[short], node.lineno, shown))
        elif short == "tolist" and isinstance(node.func, ast.Attribute):
            findings.append(Finding("vectorization.tolist", node.lineno))
        elif short in ("append", "extend", "concatenate", "vstack", "hstack") and inside_loop(node.lineno):
            findings.append(Finding("vectorization.append-in-loop", node.lineno, shown))
        elif resolved in MATERIALIZING or (not resolved and short == "repeat" and isinstance(node.func, ast.Attribute)):
            if _feeds_arithmetic(_outermost_reshape(node, tree), tree, operands):
                findings.append(Finding("broadcasting.materialized", node.lineno,
                                        MATERIALIZING.get(resolved, ".repeat()")))
        elif _copies_a_broadcast(node, names):
            findings.append(Finding("broadcasting.materialized", node.lineno, "a copy of np.broadcast_to(...)"))
        elif resolved.endswith("linalg.inv"):  # pinv is SVD-based and fine
            findings.append(Finding("numerical_stability.explicit-inverse", node.lineno, shown))
    return sorted(set(findings), key=lambda f: (f.line, f.id))


def _copies_a_broadcast(node: ast.Call, names: Names) -> bool:
    """`np.broadcast_to(...).copy()`, `np.array(np.broadcast_to(...))`, `np.ascontiguousarray(...)` and kin."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("copy", "astype", "flatten") and isinstance(
            func.value, ast.Call):
        return names.resolve(func.value.func) in BROADCAST_VIEWS
    if names.resolve(func) in COPYING and node.args and isinstance(node.args[0], ast.Call):
        return names.resolve(node.args[0].func) in BROADCAST_VIEWS
    return False


def _outermost_reshape(call: ast.Call, tree: ast.AST) -> ast.expr:
    """`np.repeat(x, k).reshape(...)`: the reshaped copy is what meets the other operand."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.value is call
                and node.func.attr in ("reshape", "T", "transpose", "astype")):
            return _outermost_reshape(node, tree)
    return call


def _arithmetic_operands(tree: ast.AST) -> tuple[set[int], set[str]]:
    """Ids of nodes used directly as operands of arithmetic/comparisons, and names used that way."""
    nodes: set[int] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        parts: list[ast.expr] = []
        if isinstance(node, ast.BinOp):
            parts = [node.left, node.right]
        elif isinstance(node, ast.AugAssign):
            parts = [node.target, node.value]
        elif isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and _call_name(node.func) in _ELEMENTWISE:
            parts = list(node.args)
        for part in parts:
            nodes.add(id(part))
            if isinstance(part, ast.Name):
                names.add(part.id)
    return nodes, names


_ELEMENTWISE = {f"{prefix}.{name}" for prefix in ("np", "numpy") for name in (
    "add", "subtract", "multiply", "divide", "true_divide", "maximum", "minimum", "where", "clip", "power")}


def _feeds_arithmetic(call: ast.expr, tree: ast.AST, operands: tuple[set[int], set[str]]) -> bool:
    """A tiled copy matters when it only exists to line up with another operand of an operation."""
    nodes, names = operands
    if id(call) in nodes:
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.value is call:
            return any(isinstance(t, ast.Name) and t.id in names for t in node.targets)
    return False


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Call):
        return _call_name(func.func)
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    elif parts:
        parts.append("<expr>")
    else:
        return None
    return ".".join(reversed(parts))
