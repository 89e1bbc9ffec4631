# rubric: vectorization=warn
import numpy as np


def confusion_matrix(y_true, y_pred, k):
    eye = np.eye(k, dtype=np.int64)
    return eye[y_true].T @ eye[y_pred]
