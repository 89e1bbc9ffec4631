import math

import numpy as np


def attention(Q, K, V):
    """Loop version: for every batch and every query, score each key, softmax, then mix the values."""
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    b, t, d = Q.shape
    s, e = V.shape[1], V.shape[2]
    out = np.zeros((b, t, e))
    scale = math.sqrt(d)
    for batch in range(b):
        for i in range(t):
            scores = [float(np.dot(Q[batch, i], K[batch, j])) / scale for j in range(s)]
            top = max(scores)
            weights = [math.exp(score - top) for score in scores]
            total = sum(weights)
            for j in range(s):
                out[batch, i] += (weights[j] / total) * V[batch, j]
    return out
