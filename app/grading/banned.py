"""Find uses of banned NumPy functions and imports of NumPy's private modules in a submission's source."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from app.grading.names import Names, is_private_numpy

PRIVATE_MESSAGE = ("{name} is part of NumPy's private internals (line {line}): submissions may use NumPy's public "
                   "API only; import numpy and call its public functions")


@dataclass(frozen=True)
class BannedUse:
    """A banned name used at a line (called, imported, or taken as a value), and what to tell the candidate."""

    name: str
    line: int
    message: str = ""


def find_banned(tree: ast.AST, banned: tuple[str, ...]) -> list[BannedUse]:
    """Banned names however they are reached: imports, aliases, `np.linalg.inv`, getattr with constant strings.

    Private NumPy modules are refused in every challenge: they keep banned originals reachable.
    The check is static, so it is paired with run-time guards in the sandbox (a computed
    `getattr(np, name)` slips past this and is caught there).
    """
    names = Names(tree)
    wanted = set(banned)
    uses = [BannedUse(name, line, PRIVATE_MESSAGE.format(name=name, line=line))
            for name, line in names.imports if is_private_numpy(name)]
    uses += [BannedUse(name, line) for name, line in names.imports if name in wanted]
    for node in ast.walk(tree):
        loaded = isinstance(node, (ast.Attribute, ast.Name)) and isinstance(node.ctx, ast.Load)
        if loaded or isinstance(node, ast.Call):
            assert isinstance(node, ast.expr)
            name = names.resolve(node)
            if name is not None and name in wanted:
                uses.append(BannedUse(name, node.lineno))
            elif name is not None and is_private_numpy(name) and isinstance(node, (ast.Attribute, ast.Call)):
                uses.append(BannedUse(name, node.lineno, PRIVATE_MESSAGE.format(name=name, line=node.lineno)))
    unique: dict[tuple[str, int], BannedUse] = {}
    for use in uses:  # one private reach per line: `np.core.multiarray` is one use, not two
        unique.setdefault(("<private>" if use.message else use.name, use.line), use)
    return sorted(unique.values(), key=lambda use: (use.line, use.name))
