# rubric: axis_awareness=fail
import numpy as np


def top_p_filter(logits, p):
    if p >= 1:
        return logits.copy()
    # The probabilities are normalised over axis 0 (the batch), not over the vocabulary.
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    probs = e / e.sum(axis=0, keepdims=True)
    order = np.argsort(-logits, axis=-1, kind="stable")
    ranked = np.take_along_axis(probs, order, axis=-1)
    keep = np.empty(logits.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(ranked, axis=-1) - ranked < p, axis=-1)
    return np.where(keep, logits, -np.inf)
