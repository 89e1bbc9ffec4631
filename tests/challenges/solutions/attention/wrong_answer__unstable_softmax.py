# rubric: numerical_stability=fail
import numpy as np


def attention(Q, K, V):
    scores = Q @ np.swapaxes(K, 1, 2) / np.sqrt(Q.shape[-1])
    weights = np.exp(scores)
    return weights / weights.sum(axis=-1, keepdims=True) @ V
