import numpy as np


def top_p_filter(logits, p):
    """Sort each row once (stable, so ties keep index order), cut the cumulative sum, scatter back."""
    logits = np.asarray(logits, dtype=np.float64)
    if p >= 1:
        # Every token, exactly: a cumulative sum may reach 1.0 before the last tokens by rounding.
        return logits.copy()
    order = np.argsort(-logits, axis=-1, kind="stable")
    ranked = np.take_along_axis(logits, order, axis=-1)
    probs = np.exp(ranked - ranked[..., :1])  # the first is each row's maximum: exp never overflows
    probs /= probs.sum(axis=-1, keepdims=True)
    mass_before = np.cumsum(probs, axis=-1) - probs  # the total of the tokens ranked above
    keep = np.empty(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, mass_before < p, axis=-1)
    return np.where(keep, logits, -np.inf)
