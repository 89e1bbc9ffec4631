import numpy as np


def feature_statistics(X):
    """One reduction per statistic, all down the rows (axis=0)."""
    X = np.asarray(X, dtype=np.float64)
    low = X.min(axis=0)
    high = X.max(axis=0)
    var = X.var(axis=0, ddof=1)
    return {
        "mean": X.mean(axis=0),
        "std": np.sqrt(var),
        "var": var,
        "min": low,
        "max": high,
        "median": np.median(X, axis=0),
        "range": high - low,
    }
