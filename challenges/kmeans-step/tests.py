"""Cases for kmeans-step: a worked example, k == 1, an empty cluster, duplicate centroids,
exact distance ties on small whole numbers, d == 1, shapes with n, k, d all different, and
the memory probe (n = 200,000, k = 256, d = 64)."""

import numpy as np

from app.cases import Case, SizedInput


def _blobs(rng: np.random.Generator, n: int, k: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    centres = 5.0 * rng.normal(size=(k, d))
    X = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d))
    return X, centres + rng.normal(size=(k, d))


def _ints(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    example_x = _ints([[0, 0], [1, 0], [0, 1], [9, 9], [10, 9]])
    example_c = _ints([[0, 0], [10, 10], [50, 50]])
    grid = rng.integers(-3, 4, size=(40, 2)).astype(np.float64)
    return [
        Case("two clusters and an empty one", args=(example_x, example_c), visible=True, category="example",
             expected=(np.array([0, 0, 0, 1, 1]), np.array([[1 / 3, 1 / 3], [9.5, 9.0], [50.0, 50.0]]))),
        Case("points on a line, k = 2", args=(_ints([[0], [1], [2], [10], [11]]), _ints([[1], [9]])), visible=True,
             category="example"),
        Case("k == 1: the mean of all points", args=(rng.normal(size=(12, 3)), rng.normal(size=(1, 3))),
             category="edge"),
        Case("an empty cluster stays where it was",
             args=(rng.normal(size=(20, 2)), _ints([[0, 0], [100, 100], [0, 1]])), category="edge"),
        Case("duplicate centroids: the lower index takes every point",
             args=(_ints([[1, 1], [2, 1], [5, 5], [6, 5]]), _ints([[1, 1], [1, 1], [6, 6]])), category="edge",
             expected=(np.array([0, 0, 2, 2]), _ints([[1.5, 1], [1, 1], [5.5, 5]]))),
        Case("a point halfway between two centroids goes to the lower index",
             args=(_ints([[0, 0], [2, 0], [1, 0], [1, 5]]), _ints([[2, 0], [0, 0]])), category="edge",
             expected=(np.array([1, 0, 0, 0]), _ints([[4 / 3, 5 / 3], [0, 0]]))),
        Case("many exact ties on a small integer grid", args=(grid, _ints([[-2, 0], [2, 0], [0, 2], [0, -2], [2, 0]])),
             category="edge"),
        Case("points equal to the centroids", args=(_ints([[1, 2], [3, 4], [5, 6]]), _ints([[5, 6], [1, 2], [3, 4]])),
             category="edge"),
        Case("d == 1", args=(rng.normal(size=(15, 1)), rng.normal(size=(3, 1))), category="edge"),
        Case("n = 9 points in 4-D, k = 3", args=(rng.normal(size=(9, 4)), rng.normal(size=(3, 4))), category="axis"),
        Case("d > n: 5 points in 12-D, k = 2", args=(rng.normal(size=(5, 12)), rng.normal(size=(2, 12))),
             category="axis"),
        Case("random blobs: 300 points, k = 6, d = 5", args=_blobs(rng, 300, 6, 5), category="random"),
        Case("random blobs far from the origin", args=tuple(a + 1000.0 for a in _blobs(rng, 100, 4, 3)),
             category="random"),
    ]


def memory_probe() -> Case:
    """n = 200,000 points, k = 256, d = 64: the (n, k, d) difference array alone would take 26 GB."""
    rng = np.random.default_rng(20261208)
    return Case("memory probe: n = 200,000, k = 256, d = 64",
                args=(rng.normal(size=(200_000, 64)), rng.normal(size=(256, 64))), category="memory")


def sized_input(n: int, rng: np.random.Generator) -> SizedInput:
    """n points in 16-D around 16 centroids."""
    return SizedInput(args=_blobs(rng, n, 16, 16))


def loop_input(n: int, rng: np.random.Generator) -> SizedInput:
    """4n points in n // 2 dimensions, k = 4: loops over points or dimensions grow, the loop over clusters does not."""
    return SizedInput(args=_blobs(rng, 4 * n, 4, n // 2))
