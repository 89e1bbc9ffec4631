import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    """Multi-head self-attention.

    x: (B, T, D); Wq, Wk, Wv, Wo: (D, D); D divisible by n_heads, dh = D // n_heads.
    Q = x @ Wq (K and V alike); head h uses columns h*dh:(h+1)*dh of Q, K and V;
    its scores are Q_h K_h^T / sqrt(dh), softmax over the keys (with causal=True, position i
    only sees keys j <= i); the heads' outputs are concatenated in order and multiplied by Wo.
    Returns (B, T, D).
    """
    raise NotImplementedError
