import numpy as np


def top_p_filter(logits, p):
    if p >= 1:
        return logits.copy()
    # An ascending stable sort, reversed: among equal logits the LARGER index now comes first.
    order = np.argsort(logits, axis=-1, kind="stable")[..., ::-1]
    s = np.take_along_axis(logits, order, axis=-1)
    probs = np.exp(s - s[..., :1])
    probs /= probs.sum(axis=-1, keepdims=True)
    keep = np.empty(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(probs, axis=-1) - probs < p, axis=-1)
    return np.where(keep, logits, -np.inf)
