# rubric: broadcasting=fail
import numpy as np


def pairwise_euclidean(A, B):
    m, n = A.shape[0], B.shape[0]
    a2 = np.tile((A * A).sum(axis=1).reshape(m, 1), (1, n))
    b2 = np.repeat((B * B).sum(axis=1).reshape(1, n), m, axis=0)
    sq = np.maximum(a2 + b2 - 2 * A @ B.T, 0)
    return np.sqrt(sq)
