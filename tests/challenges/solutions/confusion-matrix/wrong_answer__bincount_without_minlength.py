import numpy as np


def confusion_matrix(y_true, y_pred, k):
    counts = np.bincount(y_true * k + y_pred)
    size = int(np.sqrt(counts.size))
    return counts[:size * size].reshape(size, size)
