# rubric: memory_efficiency=warn
import numpy as np


def pairwise_euclidean(A, B):
    cross = A @ B.T
    norms = (A ** 2).sum(axis=1)[:, None] + (B ** 2).sum(axis=1)[None, :]
    sq = norms - 2.0 * cross
    clipped = np.maximum(sq, 0.0)
    distances = np.sqrt(clipped)
    return distances
