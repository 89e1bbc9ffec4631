import math

import numpy as np


def top_p_filter(logits, p):
    """Loop version: one row at a time, its tokens ranked with sorted() and added up one by one."""
    logits = np.asarray(logits, dtype=np.float64)
    rows = logits.reshape(-1, logits.shape[-1])
    out = np.full(rows.shape, -np.inf)
    for r in range(rows.shape[0]):
        row = [float(v) for v in rows[r]]
        top = max(row)
        weights = [math.exp(v - top) for v in row]
        total = sum(weights)
        ranked = sorted(range(len(row)), key=lambda i: (-row[i], i))
        mass = 0.0
        for i in ranked:
            if mass >= p and p < 1:
                break
            out[r, i] = row[i]
            mass += weights[i] / total
    return out.reshape(logits.shape)
