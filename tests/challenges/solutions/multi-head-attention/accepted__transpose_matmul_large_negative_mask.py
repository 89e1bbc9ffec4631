import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    B, T, D = x.shape
    dh = D // n_heads

    def heads(W):
        return np.swapaxes((x @ W).reshape(B, T, n_heads, dh), 1, 2)

    q, k, v = heads(Wq), heads(Wk), heads(Wv)
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(dh)
    if causal:
        future = np.arange(T)[None, :] > np.arange(T)[:, None]
        scores[..., future] = -1e30
    log_norm = np.logaddexp.reduce(scores, axis=-1, keepdims=True)
    out = np.exp(scores - log_norm) @ v
    return np.swapaxes(out, 1, 2).reshape(B, T, D) @ Wo
