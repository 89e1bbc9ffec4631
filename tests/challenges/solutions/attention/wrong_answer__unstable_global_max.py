# rubric: numerical_stability=fail
import numpy as np


def attention(Q, K, V):
    scores = Q @ np.swapaxes(K, 1, 2) / np.sqrt(Q.shape[-1])
    # One shift for the whole array: rows far below the global max underflow to all zeros.
    weights = np.exp(scores - scores.max())
    return weights / weights.sum(axis=-1, keepdims=True) @ V
