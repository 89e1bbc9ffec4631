import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    # Zeroes the future weights after the softmax: the remaining ones no longer sum to 1.
    B, T, D = x.shape
    dh = D // n_heads
    q, k, v = ((x @ W).reshape(B, T, n_heads, dh).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    w /= w.sum(axis=-1, keepdims=True)
    if causal:
        w = w * np.tril(np.ones((T, T)))
    return (w @ v).transpose(0, 2, 1, 3).reshape(B, T, D) @ Wo
