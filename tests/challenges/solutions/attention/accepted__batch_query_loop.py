# rubric: vectorization=fail
import numpy as np


def attention(Q, K, V):
    b, t, d = Q.shape
    out = np.zeros((b, t, V.shape[2]))
    for i in range(b):
        for j in range(t):
            scores = K[i] @ Q[i, j] / np.sqrt(d)
            weights = np.exp(scores - scores.max())
            out[i, j] = weights @ V[i] / weights.sum()
    return out
