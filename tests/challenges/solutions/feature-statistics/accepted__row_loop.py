# rubric: vectorization=fail
import numpy as np


def feature_statistics(X):
    n = X.shape[0]
    total = np.zeros(X.shape[1])
    for row in X:
        total += row
    mean = total / n
    sq = np.zeros(X.shape[1])
    for row in X:
        sq += (row - mean) ** 2
    var = sq / (n - 1)
    mn, mx = X.min(axis=0), X.max(axis=0)
    return {"mean": mean, "std": np.sqrt(var), "var": var, "min": mn, "max": mx,
            "median": np.median(X, axis=0), "range": mx - mn}
