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

    NumPy's functions of the same name elsewhere (`numpy.ma.cov` for `numpy.cov`) count as the
    banned one. Private NumPy modules are refused in every challenge: they keep banned originals reachable.
    The check is static, so it is paired with run-time guards in the sandbox (a computed
    `getattr(np, name)` slips past this and is caught there).
    """
    names = Names(tree)
    wanted = set(banned)
    # NumPy's namesakes compute the same thing under another path (`np.ma.cov` beside `np.cov`).
    last_parts = {name.rsplit(".", 1)[-1]: name for name in banned}

    def banned_name(name: str) -> str | None:
        if name in wanted:
            return name
        return last_parts.get(name.rsplit(".", 1)[-1]) if name.startswith("numpy.") else None

    uses = [BannedUse(name, line, PRIVATE_MESSAGE.format(name=name, line=line))
            for name, line in names.imports if is_private_numpy(name)]
    uses += [BannedUse(found, line) for name, line in names.imports if (found := banned_name(name)) is not None]
    for node in ast.walk(tree):
        loaded = isinstance(node, (ast.Attribute, ast.Name)) and isinstance(node.ctx, ast.Load)
        if loaded or isinstance(node, ast.Call):
            assert isinstance(node, ast.expr)
            name = names.resolve(node)
            found = banned_name(name) if name is not None else None
            if found is not None:
                uses.append(BannedUse(found, node.lineno))
            elif name is not None and is_private_numpy(name) and isinstance(node, (ast.Attribute, ast.Call)):
                uses.append(BannedUse(name, node.lineno, PRIVATE_MESSAGE.format(name=name, line=node.lineno)))
    unique: dict[tuple[str, int], BannedUse] = {}
    for use in uses:  # one private reach per line: `np.core.multiarray` is one use, not two
        unique.setdefault(("<private>" if use.message else use.name, use.line), use)
    return sorted(unique.values(), key=lambda use: (use.line, use.name))
