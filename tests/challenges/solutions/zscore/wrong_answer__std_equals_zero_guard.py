# rubric: numerical_stability=fail
import numpy as np


def zscore(X):
    sd = X.std(axis=0)
    safe = np.where(sd == 0, 1.0, sd)
    out = (X - X.mean(axis=0)) / safe
    out[:, sd == 0] = 0.0
    return out
