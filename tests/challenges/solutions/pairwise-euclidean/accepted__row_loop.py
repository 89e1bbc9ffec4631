# rubric: vectorization=fail
import numpy as np


def pairwise_euclidean(A, B):
    rows = []
    for a in A:
        rows.append(np.sqrt(((B - a) ** 2).sum(axis=1)))
    return np.array(rows).reshape(len(A), len(B))
