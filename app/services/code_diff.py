"""A line diff of two submissions' code (difflib, on the server), for a challenge's history."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffLine:
    kind: Literal["same", "removed", "added", "skipped"]
    text: str
    old_number: int | None = None
    new_number: int | None = None


def diff_lines(old: str, new: str, *, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """Changed lines with `context` unchanged lines around them; longer unchanged runs are skipped."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        first = group[0]
        if lines or first[1] > 0 or first[3] > 0:
            lines.append(DiffLine("skipped", f"@@ line {first[1] + 1} → line {first[3] + 1} @@"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", a[i], i + 1, j + 1) for i, j in zip(range(i1, i2), range(j1, j2),
                                                                                strict=True)]
                continue
            lines += [DiffLine("removed", a[i], old_number=i + 1) for i in range(i1, i2)]
            lines += [DiffLine("added", b[j], new_number=j + 1) for j in range(j1, j2)]
    return lines
