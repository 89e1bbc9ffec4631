# rubric: vectorization=fail
import numpy as np


def confusion_matrix(y_true, y_pred, k):
    C = np.zeros((k, k), dtype=int)
    for i in range(len(y_true)):
        C[y_true[i], y_pred[i]] += 1
    return C
