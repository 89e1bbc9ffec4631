# rubric: vectorization=fail
import numpy as np


def top_eigen(S, k):
    w, V = np.linalg.eigh(S)
    pairs = []
    for i in range(len(w)):
        pairs.append((w[i], i))
    pairs.sort(reverse=True)
    picked = [i for _, i in pairs[:k]]
    return np.array([w[i] for i in picked]), np.column_stack([V[:, i] for i in picked])
