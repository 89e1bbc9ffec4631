# rubric: axis_awareness=fail
import numpy as np


def top_p_filter(logits, p):
    if p >= 1:
        return logits.copy()
    flat = logits.ravel()  # every row pooled into one distribution
    order = np.argsort(-flat, kind="stable")
    probs = np.exp(flat[order] - flat[order[0]])
    probs /= probs.sum()
    keep = np.empty(flat.shape, dtype=bool)
    keep[order] = np.cumsum(probs) - probs < p
    return np.where(keep.reshape(logits.shape), logits, -np.inf)
