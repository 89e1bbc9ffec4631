"""Cases for top-eigen: ordering, k == d, indefinite S, and repeated eigenvalues (any basis is right)."""

import numpy as np

from app.cases import Case, SizedInput
from app.grading.compare import compare_outputs

VALUE_RTOL = 1e-6
# Tolerances relative to the matrix's scale max(1, ||S||_2): eigenvalues and eigenvectors of a
# symmetric matrix are computed to about machine epsilon times that scale.
VALUE_ATOL = 1e-8
VECTOR_ATOL = 1e-6
RESIDUAL_TOL = 1e-6
ORTHONORMAL_TOL = 1e-6


def check_eigenpairs(expected: tuple[np.ndarray, np.ndarray], actual: object, case: Case) -> str | None:
    """Values must match; each column is compared up to sign when its eigenvalue is simple.

    An eigenvalue that is repeated (within the tolerance) has a whole subspace of valid
    eigenvectors, so those columns are judged by S v = lambda v instead; and every answer
    must have orthonormal columns.
    """
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        return f"expected a tuple (vals, vecs), got {type(actual).__name__}"
    S = np.asarray(case.args[0], dtype=np.float64)
    expected_vals, expected_vecs = expected
    scale = max(1.0, float(np.linalg.norm(S, 2)))
    problem = compare_outputs(expected_vals, actual[0], rtol=VALUE_RTOL, atol=VALUE_ATOL * scale, path="vals")
    if problem:
        return problem
    # Infinite atol: this only checks the type, shape, dtype and finiteness of vecs.
    problem = compare_outputs(expected_vecs, actual[1], rtol=0.0, atol=np.inf, path="vecs")
    if problem:
        return problem
    vecs = np.asarray(actual[1], dtype=np.float64)
    gram_error = float(np.max(np.abs(vecs.T @ vecs - np.eye(vecs.shape[1]))))
    if gram_error > ORTHONORMAL_TOL:
        return f"the columns of vecs are not orthonormal: max |V^T V - I| is {gram_error:.2g}"
    spectrum = np.linalg.eigvalsh(S)
    for j, value in enumerate(expected_vals):
        distances = np.sort(np.abs(spectrum - value))
        is_simple = distances.size < 2 or distances[1] > RESIDUAL_TOL * scale
        column = vecs[:, j]
        if is_simple:
            sign = -1.0 if float(column @ expected_vecs[:, j]) < 0 else 1.0
            problem = compare_outputs(expected_vecs[:, j], sign * column, rtol=0.0, atol=VECTOR_ATOL)
            if problem:
                return f"column {j} of vecs is not the eigenvector of {value:.6g} (compared up to sign): {problem}"
        else:
            residual = float(np.linalg.norm(S @ column - value * column))
            if residual > RESIDUAL_TOL * scale:
                return (
                    f"column {j} of vecs is not an eigenvector of the repeated eigenvalue {value:.6g}: "
                    f"||S v - lambda v|| is {residual:.2g}"
                )
    return None


def _symmetric_with_spectrum(rng: np.random.Generator, spectrum: list[float]) -> np.ndarray:
    """Q diag(spectrum) Q^T for a random orthogonal Q, symmetrised exactly."""
    Q, _ = np.linalg.qr(rng.normal(size=(len(spectrum), len(spectrum))))
    S = (Q * np.asarray(spectrum)) @ Q.T
    return (S + S.T) / 2


def _random_symmetric(rng: np.random.Generator, d: int) -> np.ndarray:
    B = rng.normal(size=(d, d))
    return (B + B.T) / 2


def _case(name: str, S: np.ndarray, k: int, **options: object) -> Case:
    return Case(name, args=(S, k), check=check_eigenpairs, **options)


def cases() -> list[Case]:
    rng = np.random.default_rng(20260315)
    samples = rng.normal(size=(200, 12)) * np.linspace(3.0, 0.5, 12)
    covariance = samples.T @ samples / 199
    half = np.sqrt(0.5)
    return [
        _case("2x2, top eigenpair", np.array([[2.0, 1.0], [1.0, 2.0]]), 1, visible=True, category="example",
              expected=(np.array([3.0]), np.array([[half], [half]]))),
        _case("diagonal matrix, k = 2", np.diag([1.0, 4.0, 2.0]), 2, visible=True, category="example",
              expected=(np.array([4.0, 2.0]), np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]))),
        _case("1x1 matrix", np.array([[-3.5]]), 1, category="edge"),
        _case("k equals d: eigenvectors are columns", _random_symmetric(rng, 6), 6, category="axis"),
        _case("k = 1 of a random 10x10", _random_symmetric(rng, 10), 1, category="basic"),
        _case("covariance of 200 samples, d = 12, k = 4", covariance, 4, category="axis"),
        _case("indefinite S: the most negative eigenvalue is the largest in size",
              _symmetric_with_spectrum(rng, [4.0, -7.0, 1.0, -2.0, 0.5]), 3, category="edge"),
        _case("repeated small eigenvalues, k equals d",
              _symmetric_with_spectrum(rng, [6.0, 3.0, 1.0, 1.0, 1.0, 0.5]), 6, category="edge"),
        _case("repeated eigenvalue cut by k (5, 2, 2, 1 with k = 2)",
              _symmetric_with_spectrum(rng, [5.0, 2.0, 2.0, 1.0]), 2, category="edge"),
        _case("repeated top eigenvalue (3, 3, 1, 0.2, 0.1), k = 3",
              _symmetric_with_spectrum(rng, [0.2, 3.0, 0.1, 3.0, 1.0]), 3, category="edge"),
        _case("identity: every eigenvalue is 1", np.eye(5), 3, category="edge"),
        _case("random 20x20, k = 5", _random_symmetric(rng, 20), 5, category="random"),
    ]


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """A random symmetric n x n matrix and k = 3: an iterative loop grows with n, eigh does not."""
    return SizedInput(args=(_random_symmetric(rng, n), 3))
