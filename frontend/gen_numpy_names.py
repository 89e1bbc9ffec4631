"""Write frontend/src/numpy_names.json, the editor's NumPy completions, from the installed (pinned) NumPy.

The bundle embeds the file, so completion offers exactly the names the sandbox's NumPy has.
`--check` compares a fresh listing with the committed file instead of writing it; run with the
project's Python (`.venv/bin/python frontend/gen_numpy_names.py`) after NumPy's pin changes.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy

OUTFILE = Path(__file__).resolve().parent / "src" / "numpy_names.json"
NAMESPACES = {"numpy": numpy, "numpy.linalg": numpy.linalg, "numpy.random": numpy.random, "numpy.fft": numpy.fft}


def kind_of(value: object) -> str:
    """The completion type CodeMirror shows as an icon."""
    if isinstance(value, ModuleType):
        return "namespace"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "constant"


def public_names(namespace: object) -> list[str]:
    return sorted(name for name in dir(namespace) if not name.startswith("_"))


def listing() -> dict[str, object]:
    names: dict[str, object] = {"version": numpy.__version__}
    for label, module in NAMESPACES.items():
        grouped: dict[str, list[str]] = {}
        for name in public_names(module):
            grouped.setdefault(kind_of(getattr(module, name)), []).append(name)
        names[label] = dict(sorted(grouped.items()))
    # What an array offers after "x.": methods, and attributes such as shape, T, ndim.
    members: dict[str, list[str]] = {"method": [], "property": []}
    for name in public_names(numpy.ndarray):
        members["method" if callable(getattr(numpy.ndarray, name)) else "property"].append(name)
    names["ndarray"] = members
    return names


def main() -> int:
    text = json.dumps(listing(), indent=1, sort_keys=False) + "\n"
    if "--check" in sys.argv[1:]:
        committed = OUTFILE.read_text(encoding="utf-8") if OUTFILE.exists() else ""
        if committed != text:
            print(f"{OUTFILE.name} differs from the installed NumPy {numpy.__version__}: "
                  "run frontend/gen_numpy_names.py, then rebuild the bundle", file=sys.stderr)
            return 1
        print(f"{OUTFILE.name} matches NumPy {numpy.__version__}")
        return 0
    OUTFILE.write_text(text, encoding="utf-8")
    print(f"wrote {OUTFILE.name} for NumPy {numpy.__version__} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
