# rubric: vectorization=fail
import numpy as np


def pairwise_distances(X, metric="euclidean"):
    if metric not in {"euclidean", "manhattan", "cosine"}:
        raise ValueError(metric)
    n = len(X)
    D = np.zeros((n, n))
    for i in range(n):
        for j in range(i):
            if metric == "euclidean":
                d = np.linalg.norm(X[i] - X[j])
            elif metric == "manhattan":
                d = np.abs(X[i] - X[j]).sum()
            else:
                d = 1 - X[i] @ X[j] / (max(np.linalg.norm(X[i]), 1e-8) * max(np.linalg.norm(X[j]), 1e-8))
            D[i, j] = D[j, i] = d
    return D
