# rubric: numerical_stability=fail
import numpy as np


def pairwise_euclidean(A, B):
    sq = np.sum(A * A, axis=1)[:, None] + np.sum(B * B, axis=1)[None, :] - 2 * A @ B.T
    return np.sqrt(sq)
