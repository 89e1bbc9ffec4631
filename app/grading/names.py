"""What a name in a submission refers to: NumPy's dotted names through imports, aliases and getattr.

`from numpy import tile as t`, `import numpy.linalg as la`, `np = numpy`, `f = np.tile` and
`getattr(np, "ti" + "le")` all resolve to `numpy.tile` / `numpy.linalg.*`, so a check reads what
runs rather than how it is spelt. Static, so the sandbox backs it with run-time guards.
"""

from __future__ import annotations

import ast

# Modules whose attributes are NumPy's public names under another path.
_NUMPY_ROOTS = ("numpy",)
# Private parts of NumPy: a submission importing them is refused (they keep banned originals reachable).
PRIVATE_PREFIXES = ("numpy.core",)  # the old name of numpy._core; any other `_name` part is private too

# Dunders that reach behind NumPy's API (the original behind a dispatcher, a function's module
# globals, its closure); any other `__name__`-style attribute is harmless. Single-underscore
# names (`_core`, `_implementation`) are private.
_REACHING_DUNDERS = frozenset({"__wrapped__", "__globals__", "__closure__", "__code__", "__dict__", "__self__",
                               "__func__", "__builtins__", "__subclasses__", "__mro__", "__bases__"})


def is_private_numpy(dotted: str) -> bool:
    """`numpy._core`, `numpy.core.multiarray`, `numpy.lib._shape_base_impl`, `np.cov.__wrapped__`: internals."""
    if dotted != "numpy" and not dotted.startswith("numpy."):
        return False
    if any(dotted == p or dotted.startswith(p + ".") for p in PRIVATE_PREFIXES):
        return True
    return any(part in _REACHING_DUNDERS or (part.startswith("_") and not part.endswith("__"))
               for part in dotted.split(".")[1:])


class Names:
    """Local name -> dotted NumPy name, collected from every import and simple assignment in a module."""

    def __init__(self, tree: ast.AST) -> None:
        self.aliases: dict[str, str] = {}
        self.imports: list[tuple[str, int]] = []  # every numpy module or name imported, with its line
        # Two passes: `f = np.tile` may come before or after the import in the source order ast.walk gives.
        for _ in range(2):
            for node in ast.walk(tree):
                self._collect(node)

    def _collect(self, node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_numpy(alias.name):
                    self.aliases[(alias.asname or alias.name).split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0])
                    self._imported(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and _is_numpy(node.module) and not node.level:
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                self.aliases[alias.asname or alias.name] = dotted
                self._imported(dotted, node.lineno)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = self.resolve(node.value)
            if value is not None:
                self.aliases[node.targets[0].id] = value
        elif isinstance(node, ast.Call):
            module = _import_call_module(node)
            if module is not None and _is_numpy(module):
                self._imported(module, node.lineno)

    def _imported(self, dotted: str, line: int) -> None:
        if (dotted, line) not in self.imports:
            self.imports.append((dotted, line))

    def resolve(self, node: ast.expr) -> str | None:
        """The dotted NumPy name an expression evaluates to, when it can be told without running it."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = self.resolve(node.value)
            return f"{owner}.{node.attr}" if owner is not None else None
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2:
                owner, attribute = self.resolve(node.args[0]), constant_string(node.args[1])
                if owner is not None and attribute is not None:
                    return f"{owner}.{attribute}"
            module = _import_call_module(node)
            if module is not None and _is_numpy(module):
                return module
        return None


def constant_string(node: ast.expr) -> str | None:
    """The value of a string built from literals only: "ti" + "le", "".join(["ti", "le"]), f"{'tile'}"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = constant_string(node.left), constant_string(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        parts = [constant_string(v.value) if isinstance(v, ast.FormattedValue) else constant_string(v)
                 for v in node.values]
        return "".join(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and len(node.args) == 1 and isinstance(node.args[0], (ast.List, ast.Tuple))):
        glue = constant_string(node.func.value)
        parts = [constant_string(e) for e in node.args[0].elts]
        if glue is not None and all(p is not None for p in parts):
            return glue.join(p for p in parts if p is not None)
    return None


def _is_numpy(dotted: str) -> bool:
    return any(dotted == root or dotted.startswith(root + ".") for root in _NUMPY_ROOTS)


def _import_call_module(node: ast.Call) -> str | None:
    """`__import__("numpy.core")`, `importlib.import_module("numpy._core")` with a constant name."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in ("__import__", "import_module") or not node.args:
        return None
    return constant_string(node.args[0])
