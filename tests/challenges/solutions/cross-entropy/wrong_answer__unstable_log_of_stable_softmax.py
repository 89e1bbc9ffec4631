# rubric: numerical_stability=fail
import numpy as np


def cross_entropy(logits, labels):
    # The softmax is shifted, but a probability of exp(-2e4) still rounds to 0 before the log.
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))
