import numpy as np


def top_p_filter(logits, p):
    if p >= 1:
        return logits.copy()
    order = np.argsort(-logits, axis=-1, kind="stable")
    s = np.take_along_axis(logits, order, axis=-1)
    e = np.exp(s - s[..., :1])
    probs = e / e.sum(axis=-1, keepdims=True)
    before = np.concatenate([np.zeros_like(probs[..., :1]), np.cumsum(probs, axis=-1)[..., :-1]], axis=-1)
    keep = np.zeros(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, before < p, axis=-1)
    return np.where(keep, logits, -np.inf)
