# rubric: axis_awareness=fail
import numpy as np


def cross_entropy(logits, labels):
    m = logits.max(axis=0, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=0, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())
