# rubric: vectorization=pass
import numpy as np


def linear_regression_gd(X, y, lr, steps):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * (2 / n) * (X.T @ r)
        b = b - lr * (2 / n) * r.sum()
    return w, b
