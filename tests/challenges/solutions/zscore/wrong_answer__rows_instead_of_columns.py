# rubric: axis_awareness=fail
import numpy as np


def zscore(X):
    const = X.max(axis=1, keepdims=True) == X.min(axis=1, keepdims=True)
    sd = np.where(const, 1.0, X.std(axis=1, keepdims=True))
    return np.where(const, 0.0, (X - X.mean(axis=1, keepdims=True)) / sd)
