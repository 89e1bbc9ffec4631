import numpy as np


def percentile_clip(X, lo, hi):
    s = np.sort(X, axis=0)
    n = s.shape[0]

    def bound(q):
        pos = q / 100 * (n - 1)
        i = int(np.floor(pos))
        j = min(i + 1, n - 1)
        return s[i] + (s[j] - s[i]) * (pos - i)

    return np.minimum(np.maximum(X, bound(lo)), bound(hi))
