import math

import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, causal=False):
    """Loop version: for every sequence, head and query, score the keys one by one."""
    x = np.asarray(x, dtype=np.float64)
    batch, steps, width = x.shape
    dh = width // n_heads
    Q, K, V = x @ Wq, x @ Wk, x @ Wv
    concat = np.zeros((batch, steps, width))
    for b in range(batch):
        for h in range(n_heads):
            cols = slice(h * dh, (h + 1) * dh)
            for i in range(steps):
                last = i + 1 if causal else steps
                scores = [float(Q[b, i, cols] @ K[b, j, cols]) / math.sqrt(dh) for j in range(last)]
                top = max(scores)
                weights = [math.exp(s - top) for s in scores]
                total = sum(weights)
                for j in range(last):
                    concat[b, i, cols] += weights[j] / total * V[b, j, cols]
    return concat @ Wo
