# rubric: numerical_stability=fail
import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    B, T, D = x.shape
    dh = D // n_heads
    q, k, v = ((x @ W).reshape(B, T, n_heads, dh).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    w = np.exp(q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh))
    if causal:
        w = w * np.tril(np.ones((T, T)))
    w = w / w.sum(axis=-1, keepdims=True)
    return (w @ v).transpose(0, 2, 1, 3).reshape(B, T, D) @ Wo
