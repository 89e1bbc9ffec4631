import numpy as np


def pairwise_euclidean(A, B):
    """Euclidean distance between every row of `A` and every row of `B`.

    A: float array (m, d); B: float array (n, d).
    Returns a float array (m, n) whose entry [i, j] is ||A[i] - B[j]||, never negative or NaN.
    """
    raise NotImplementedError
