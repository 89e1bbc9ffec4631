"""Static evidence for the rubric: what the source shows (loops, hidden loops, copies), by line."""

from __future__ import annotations

import ast
from dataclasses import dataclass

HIDDEN_LOOPS = {
    "vectorize": "vectorization.np-vectorize",
    "apply_along_axis": "vectorization.apply-along-axis",
    "apply_over_axes": "vectorization.apply-along-axis",
    "frompyfunc": "vectorization.frompyfunc",
}
MATERIALIZING = {"tile": "np.tile", "repeat": "np.repeat"}


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

    def inside_loop(line: int) -> bool:
        return any(first <= line <= last for first, last in loop_lines)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        if name is None:
            continue
        short = name.rsplit(".", 1)[-1]
        if short in HIDDEN_LOOPS and (name.startswith(("np.", "numpy.")) or name == short):
            findings.append(Finding(HIDDEN_LOOPS[short], node.lineno, name))
        elif short == "tolist" and isinstance(node.func, ast.Attribute):
            findings.append(Finding("vectorization.tolist", node.lineno))
        elif short in ("append", "extend", "concatenate", "vstack", "hstack") and inside_loop(node.lineno):
            findings.append(Finding("vectorization.append-in-loop", node.lineno, name))
        elif short in MATERIALIZING and (name.startswith(("np.", "numpy.")) or isinstance(node.func, ast.Attribute)):
            if _feeds_arithmetic(node, tree, operands):
                findings.append(Finding("broadcasting.materialized", node.lineno, MATERIALIZING[short]))
        elif short == "copy" and isinstance(node.func, ast.Attribute) and _call_name(node.func.value) in (
            "np.broadcast_to", "numpy.broadcast_to", "broadcast_to"
        ):
            findings.append(Finding("broadcasting.materialized", node.lineno, "np.broadcast_to(...).copy()"))
        elif name.endswith("linalg.inv"):  # pinv is SVD-based and fine
            findings.append(Finding("numerical_stability.explicit-inverse", node.lineno, name))
    return sorted(set(findings), key=lambda f: (f.line, f.id))


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


def _feeds_arithmetic(call: ast.Call, tree: ast.AST, operands: tuple[set[int], set[str]]) -> bool:
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
