import numpy as np


def top_p_filter(logits, p):
    z = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(z)
    probs /= probs.sum(axis=-1, keepdims=True)
    order = np.argsort(-logits, axis=-1, kind="mergesort")
    ranked = np.take_along_axis(probs, order, axis=-1)
    keep_ranked = (np.cumsum(ranked, axis=-1) - ranked < p) | (p >= 1)
    rank = np.argsort(order, axis=-1)  # the inverse permutation: where each token sits in the ranking
    keep = np.take_along_axis(keep_ranked, rank, axis=-1)
    return np.where(keep, logits, -np.inf)
