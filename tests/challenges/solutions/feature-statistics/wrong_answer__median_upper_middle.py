import numpy as np


def feature_statistics(X):
    mn, mx = X.min(axis=0), X.max(axis=0)
    median = np.sort(X, axis=0)[X.shape[0] // 2]
    return {"mean": X.mean(axis=0), "std": X.std(axis=0, ddof=1), "var": X.var(axis=0, ddof=1),
            "min": mn, "max": mx, "median": median, "range": mx - mn}
