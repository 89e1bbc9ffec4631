# rubric: axis_awareness=fail
import numpy as np


def feature_statistics(X):
    mn, mx = X.min(axis=1), X.max(axis=1)
    return {"mean": X.mean(axis=1), "std": X.std(axis=1, ddof=1), "var": X.var(axis=1, ddof=1),
            "min": mn, "max": mx, "median": np.median(X, axis=1), "range": mx - mn}
