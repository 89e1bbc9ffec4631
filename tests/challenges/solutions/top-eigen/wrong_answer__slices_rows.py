# rubric: axis_awareness=fail
import numpy as np


def top_eigen(S, k):
    # Reverses and slices rows (coordinates) instead of columns (eigenvectors).
    w, V = np.linalg.eigh(S)
    return w[::-1][:k], V[::-1][:k]
