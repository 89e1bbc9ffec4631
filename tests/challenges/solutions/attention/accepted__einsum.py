import numpy as np


def attention(Q, K, V):
    d = Q.shape[-1]
    scores = np.einsum("btd,bsd->bts", Q, K) / np.sqrt(d)
    scores = scores - scores.max(axis=2, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=2, keepdims=True)
    return np.einsum("bts,bse->bte", weights, V)
