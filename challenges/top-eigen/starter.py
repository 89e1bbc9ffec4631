import numpy as np


def top_eigen(S, k):
    """The k largest eigenvalues of a symmetric matrix and their eigenvectors.

    S: (d, d) symmetric. k: 1 <= k <= d.
    Returns a tuple (vals, vecs): vals (k,) in descending order, and vecs (d, k) whose
    column j is a unit eigenvector for vals[j].
    """
    raise NotImplementedError
