# rubric: axis_awareness=fail
import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    # Normalises each key's column over the queries (axis -2) instead of each query's row.
    B, T, D = x.shape
    dh = D // n_heads
    q, k, v = ((x @ W).reshape(B, T, n_heads, dh).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    if causal:
        s = np.where(np.triu(np.ones((T, T), bool), 1), -np.inf, s)
    w = np.exp(s - s.max(axis=-2, keepdims=True))
    w /= w.sum(axis=-2, keepdims=True)
    return (w @ v).transpose(0, 2, 1, 3).reshape(B, T, D) @ Wo
