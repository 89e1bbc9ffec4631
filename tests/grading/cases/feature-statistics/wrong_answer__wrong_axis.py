# rubric: axis_awareness=fail
import numpy as np


def feature_statistics(X):
    # Reduces over rows instead of columns: every statistic comes out per sample.
    return {
        "mean": X.mean(axis=1), "std": X.std(axis=1, ddof=1), "var": X.var(axis=1, ddof=1),
        "min": X.min(axis=1), "max": X.max(axis=1), "median": np.median(X, axis=1),
        "range": X.max(axis=1) - X.min(axis=1),
    }
