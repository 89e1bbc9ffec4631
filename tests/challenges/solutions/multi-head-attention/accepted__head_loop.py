# rubric: vectorization=fail
import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    B, T, D = x.shape
    dh = D // n_heads
    Q, K, V = x @ Wq, x @ Wk, x @ Wv
    outs = []
    for h in range(n_heads):
        cols = slice(h * dh, (h + 1) * dh)
        s = Q[..., cols] @ np.swapaxes(K[..., cols], 1, 2) / np.sqrt(dh)
        if causal:
            s = np.where(np.tril(np.ones((T, T))) == 1, s, -np.inf)
        w = np.exp(s - s.max(axis=-1, keepdims=True))
        outs.append(w / w.sum(axis=-1, keepdims=True) @ V[..., cols])
    return np.concatenate(outs, axis=-1) @ Wo
