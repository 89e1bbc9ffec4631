import numpy as np


def confusion_matrix(y_true, y_pred, k):
    """Encode each (true, pred) pair as one index true * k + pred, count them, fold into (k, k)."""
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    # minlength keeps classes that never occur (and the n == 0 case) in the output.
    counts = np.bincount(y_true * k + y_pred, minlength=k * k)
    return counts.reshape(k, k)
