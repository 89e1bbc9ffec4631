import numpy as np


def feature_statistics(X):
    n = X.shape[0]
    s = np.sort(X, axis=0)
    mid = (s[(n - 1) // 2] + s[n // 2]) / 2
    mean = s.mean(axis=0)
    var = ((s - mean) ** 2).sum(axis=0) / (n - 1)
    return {
        "mean": mean,
        "std": var ** 0.5,
        "var": var,
        "min": s[0],
        "max": s[-1],
        "median": mid,
        "range": s[-1] - s[0],
    }
