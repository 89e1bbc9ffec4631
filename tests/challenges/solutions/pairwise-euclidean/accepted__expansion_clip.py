import numpy as np


def pairwise_euclidean(A, B):
    a2 = (A ** 2).sum(axis=1).reshape(-1, 1)
    b2 = (B ** 2).sum(axis=1).reshape(1, -1)
    return np.sqrt(np.clip(a2 + b2 - 2 * np.dot(A, B.T), 0, None))
