import numpy as np


def linear_regression_gd(X, y, lr, steps):
    """The steps depend on each other, so they loop; each step is two matrix-vector products."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * (2 / n) * (X.T @ r)
        b = b - lr * (2 / n) * r.sum()
    return w, float(b)
