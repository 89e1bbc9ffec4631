import numpy as np


def attention(Q, K, V):
    scores = np.matmul(Q, K.transpose(0, 2, 1)) / np.sqrt(Q.shape[2])
    top = scores.max(axis=-1, keepdims=True)
    log_norm = top + np.log(np.exp(scores - top).sum(axis=-1, keepdims=True))
    return np.exp(scores - log_norm) @ V
