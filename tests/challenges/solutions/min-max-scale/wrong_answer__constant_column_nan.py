# rubric: numerical_stability=fail
import numpy as np


def min_max_scale(X):
    lo = X.min(axis=0)
    return (X - lo) / (X.max(axis=0) - lo)
