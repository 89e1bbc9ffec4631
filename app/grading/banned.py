"""Find calls to banned NumPy functions in a submission's source, aliases and imports included."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class BannedUse:
    """A banned name used at a line (called, imported, or taken as a value)."""

    name: str
    line: int


def find_banned(tree: ast.AST, banned: tuple[str, ...]) -> list[BannedUse]:
    """Resolve `import numpy as np`, `from numpy import cov as c`, `np.linalg.inv` and friends.

    The check is static, so it is paired with a run-time guard in the sandbox that replaces
    the banned functions: `getattr(np, "c" + "ov")` slips past this and is caught there.
    """
    if not banned:
        return []
    wanted = set(banned)
    aliases: dict[str, str] = {}  # local name -> dotted numpy name
    uses: list[BannedUse] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "numpy" or alias.name.startswith("numpy."):
                    aliases[(alias.asname or alias.name).split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "numpy":
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = dotted
                if dotted in wanted:
                    uses.append(BannedUse(dotted, node.lineno))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)) and isinstance(getattr(node, "ctx", None), ast.Load):
            name = _dotted(node, aliases)
            if name is not None and name in wanted:
                uses.append(BannedUse(name, node.lineno))
    unique = {(use.name, use.line): use for use in uses}
    return sorted(unique.values(), key=lambda use: (use.line, use.name))


def _dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in aliases:
        return None
    return ".".join([aliases[node.id], *reversed(parts)])
