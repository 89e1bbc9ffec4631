import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    # reshape(B, T, dh, H) makes head h take every H-th column instead of a contiguous block.
    B, T, D = x.shape
    dh = D // n_heads
    q, k, v = ((x @ W).reshape(B, T, dh, n_heads).transpose(0, 3, 1, 2) for W in (Wq, Wk, Wv))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    if causal:
        s = np.where(np.triu(np.ones((T, T), bool), 1), -np.inf, s)
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    w /= w.sum(axis=-1, keepdims=True)
    return (w @ v).transpose(0, 2, 3, 1).reshape(B, T, D) @ Wo
