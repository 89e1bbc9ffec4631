"""Cases for log-abs-det: signs, pivoting, and determinants that overflow or underflow float64."""

import numpy as np

from app.cases import Case, SizedInput


def cases() -> list[Case]:
    rng = np.random.default_rng(20260314)
    orthogonal, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    shrink, _ = np.linalg.qr(rng.normal(size=(150, 150)))
    triangular = np.triu(rng.normal(size=(7, 7))) + np.diag(rng.uniform(1.0, 3.0, size=7))
    # log|det| of a 400x400 standard normal matrix is about 990, far past log(max float) ~ 709.
    overflowing = rng.normal(size=(400, 400))
    # Every singular value near 1e-3: log|det| is about -1000, below log(smallest float) ~ -745.
    underflowing = 1e-3 * shrink * rng.uniform(0.5, 2.0, size=150)
    return [
        Case(
            "2x2 by hand: det = 3*2 - 1*4 = 2",
            args=(np.array([[3.0, 1.0], [4.0, 2.0]]),),
            visible=True,
            category="example",
            expected=float(np.log(2.0)),
        ),
        Case(
            "negative determinant: det = -6",
            args=(np.array([[0.0, 2.0], [3.0, 0.0]]),),
            visible=True,
            category="example",
            expected=float(np.log(6.0)),
        ),
        Case("1x1 negative entry", args=(np.array([[-5.0]]),), category="edge"),
        Case("identity gives 0", args=(np.eye(4),), category="edge"),
        Case("permutation matrix (det = -1) gives 0", args=(np.eye(5)[[3, 0, 4, 1, 2]],), category="edge"),
        Case("orthogonal matrix gives 0", args=(orthogonal,), category="basic"),
        Case("upper triangular", args=(triangular,), category="basic"),
        Case("needs pivoting: zero in the top-left corner",
             args=(np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [4.0, -3.0, 8.0]]),), category="edge"),
        Case("complex eigenvalues (a rotation times 3)",
             args=(np.array([[0.0, -3.0, 0.0], [3.0, 0.0, 0.0], [0.0, 0.0, 2.0]]),), category="basic"),
        Case("random 50x50", args=(rng.normal(size=(50, 50)),), category="random"),
        Case("random 11x11 with negative determinant", args=(np.eye(11)[::-1] + 0.1 * rng.normal(size=(11, 11)),),
             category="random"),
        Case("400x400 matrix whose determinant overflows float64", args=(overflowing,), category="stability"),
        Case("150x150 matrix whose determinant underflows to 0", args=(underflowing,), category="stability"),
        Case("3x3 with entries near 1e150: determinant overflows",
             args=(1e150 * np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]),), category="stability"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """An n x n random matrix: elimination takes n steps, a factorisation call takes one line."""
    return SizedInput(args=(rng.normal(size=(n, n)),))
