# rubric: vectorization=fail numerical_stability=pass
import numpy as np


def attention(Q, K, V):
    out = []
    for q, k, v in zip(Q, K, V):
        s = q @ k.T / np.sqrt(q.shape[-1])
        w = np.exp(s - s.max(axis=-1, keepdims=True))
        out.append((w / w.sum(axis=-1, keepdims=True)) @ v)
    return np.array(out)
