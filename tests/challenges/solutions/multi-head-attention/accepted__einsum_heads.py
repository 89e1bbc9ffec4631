import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    B, T, D = x.shape
    dh = D // n_heads
    q = (x @ Wq).reshape(B, T, n_heads, dh)
    k = (x @ Wk).reshape(B, T, n_heads, dh)
    v = (x @ Wv).reshape(B, T, n_heads, dh)
    scores = np.einsum("bihd,bjhd->bhij", q, k) / np.sqrt(dh)
    if causal:
        scores = scores + np.triu(np.full((T, T), -np.inf), k=1)
    scores -= scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w /= w.sum(axis=-1, keepdims=True)
    out = np.einsum("bhij,bjhd->bihd", w, v).reshape(B, T, D)
    return out @ Wo
