import numpy as np


def low_rank_approx(A, k):
    """The rank-k matrix closest to A in Frobenius norm.

    A: (m, n), any of m < n, m == n, m > n. k: 1 <= k <= min(m, n).
    Returns an (m, n) array.
    """
    raise NotImplementedError
