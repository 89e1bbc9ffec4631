import numpy as np


def percentile_clip(X, lo, hi):
    s = np.sort(X, axis=0)
    n = len(s)
    a = s[int(round(lo / 100 * (n - 1)))]
    b = s[int(round(hi / 100 * (n - 1)))]
    return np.clip(X, a, b)
