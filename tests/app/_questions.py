"""A valid question draft for the tests, and ways to break it one part at a time."""

from __future__ import annotations

import textwrap
from typing import Any

REFERENCE = textwrap.dedent('''\
    import numpy as np


    def center(x):
        """Subtract each row's mean."""
        return x - x.mean(axis=1, keepdims=True)
    ''')

GENERATOR = textwrap.dedent('''\
    import numpy as np
    from app.cases import Case, SizedInput


    def cases():
        rng = np.random.default_rng(7)
        return [
            Case("example", (np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]]),), category="example", visible=True),
            Case("wide", (rng.standard_normal((3, 7)),), category="axis"),
            Case("tall", (rng.standard_normal((9, 2)),), category="axis"),
            Case("one row", (np.array([[5.0, -5.0]]),), category="edge"),
        ]


    def sized_input(n, rng):
        return SizedInput(args=(rng.standard_normal((n, 32)),))
    ''')

NAIVE = textwrap.dedent('''\
    import numpy as np


    def center(x):
        out = np.empty_like(x)
        for i in range(x.shape[0]):
            total = 0.0
            for value in x[i]:
                total += value
            out[i] = x[i] - total / x.shape[1]
        return out
    ''')

ACCEPTED = "import numpy as np\n\ndef center(x):\n    return x - x.mean(axis=1, keepdims=True)\n"
WRONG_AXIS = "import numpy as np\n\ndef center(x):\n    return x - x.mean(axis=0, keepdims=True)\n"


def draft(**changes: Any) -> dict[str, Any]:
    """A question every check accepts, with `changes` applied."""
    body: dict[str, Any] = {
        "title": "Center the rows",
        "summary": "Subtract each row's mean from it.",
        "difficulty": "easy",
        "function": "center",
        "signature": "center(x: np.ndarray) -> np.ndarray",
        "statement": "Return `x` with each row's mean subtracted.\n\n## Example\n\n`center([[1, 2, 3]])`",
        "starter": "import numpy as np\n\ndef center(x):\n    raise NotImplementedError\n",
        "reference": REFERENCE,
        "generator": GENERATOR,
        "naive": NAIVE,
        "hints": ["Which axis holds a row's values?", "keepdims=True keeps the shape broadcastable."],
        "followups": ["What if x holds integers?"],
        "criteria": ["vectorization", "axis_awareness"],
        "probes": {"axis_awareness": ["wide", "tall"]},
        "timing_sizes": [100, 1000, 4000],
    }
    return body | changes


def with_generator(cases_body: str, **changes: Any) -> dict[str, Any]:
    """A draft whose tests.py returns `cases_body` from cases() (sized_input kept)."""
    source = ("import numpy as np\nfrom app.cases import Case, SizedInput\n\n\ndef cases():\n"
              + textwrap.indent(textwrap.dedent(cases_body), "    ")
              + "\n\ndef sized_input(n, rng):\n    return SizedInput(args=(rng.standard_normal((n, 32)),))\n")
    return draft(generator=source, **changes)
