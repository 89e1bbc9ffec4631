import numpy as np


def feature_statistics(X):
    mn, mx = X.min(axis=0), X.max(axis=0)
    return {"mean": X.mean(axis=0), "std": X.std(axis=0), "var": X.var(axis=0), "min": mn,
            "max": mx, "median": np.median(X, axis=0), "range": mx - mn}
