# rubric: numerical_stability=warn
import numpy as np


def zscore(X):
    X = np.asarray(X, dtype=np.float64)
    z = (X - X.mean(axis=0)) / X.std(axis=0)
    return np.where(X.max(axis=0) == X.min(axis=0), 0.0, z)
