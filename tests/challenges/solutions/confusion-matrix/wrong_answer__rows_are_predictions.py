# rubric: axis_awareness=fail
import numpy as np


def confusion_matrix(y_true, y_pred, k):
    return np.bincount(y_pred * k + y_true, minlength=k * k).reshape(k, k)
