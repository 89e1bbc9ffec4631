import numpy as np


def confusion_matrix(y_true, y_pred, k):
    """Loop version: one sample at a time."""
    C = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        C[t, p] += 1
    return C
