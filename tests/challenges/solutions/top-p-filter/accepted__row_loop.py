# rubric: vectorization=fail
import numpy as np


def top_p_filter(logits, p):
    flat = logits.reshape(-1, logits.shape[-1])
    out = np.full(flat.shape, -np.inf)
    for r, row in enumerate(flat):
        order = np.argsort(-row, kind="stable")
        probs = np.exp(row[order] - row[order[0]])
        probs /= probs.sum()
        count = len(row) if p >= 1 else int(np.sum(np.cumsum(probs) - probs < p))
        out[r, order[:count]] = row[order[:count]]
    return out.reshape(logits.shape)
