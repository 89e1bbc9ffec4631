import numpy as np


def top_p_filter(logits, p):
    order = np.argsort(-logits, axis=-1, kind="stable")
    s = np.take_along_axis(logits, order, axis=-1)
    probs = np.exp(s - s[..., :1])
    probs /= probs.sum(axis=-1, keepdims=True)
    # cumsum <= p keeps the tokens that stay under p: one short of reaching it.
    mask = np.cumsum(probs, axis=-1) <= p
    mask[..., 0] = True
    keep = np.empty(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, mask, axis=-1)
    return np.where(keep, logits, -np.inf)
