# rubric: numerical_stability=fail
import numpy as np


def cross_entropy(logits, labels):
    # Clipping hides the log(0) but caps each sample's loss at -log(1e-12), about 27.6.
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = np.clip(e / e.sum(axis=1, keepdims=True), 1e-12, 1.0)
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))
