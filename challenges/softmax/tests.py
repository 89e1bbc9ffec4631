"""Cases for softmax: worked examples, every axis, and the large-logit stability probe."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20261125)
    return [
        Case(
            "one row of three logits",
            args=(np.array([1.0, 2.0, 3.0]),),
            visible=True,
            category="example",
            expected=np.array([0.09003057317038046, 0.24472847105479764, 0.6652409557748219]),
        ),
        Case("two rows, last axis", args=(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),), visible=True,
             category="example"),
        Case("single element", args=(np.array([5.0]),), category="edge"),
        Case("random 2-D, last axis", args=(rng.normal(size=(7, 5)),), category="random"),
        Case("2-D input, axis 0", args=(rng.normal(size=(4, 6)),), kwargs={"axis": 0}, category="axis"),
        Case("3-D input, axis 0", args=(rng.normal(size=(3, 4, 5)),), kwargs={"axis": 0}, category="axis"),
        Case("3-D input, axis 1", args=(rng.normal(size=(3, 4, 5)),), kwargs={"axis": 1}, category="axis"),
        Case("3-D input, last axis", args=(rng.normal(size=(2, 3, 6)),), category="axis"),
        Case("logits near 1000", args=(np.array([[1000.0, 1001.0, 1002.0], [1000.0, 999.0, 998.0]]),),
             category="stability"),
        Case("logits near -1000", args=(np.array([-1000.0, -1001.0, -1002.0]),), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of 32 logits: the work grows linearly with n."""
    return SizedInput(args=(rng.normal(size=(n, 32)),))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n rows of n logits: a loop over rows or over the entries of a row grows with n."""
    return SizedInput(args=(rng.normal(size=(n, n)),))
