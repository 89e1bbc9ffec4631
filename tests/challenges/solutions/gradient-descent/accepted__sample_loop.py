# rubric: vectorization=fail
import numpy as np


def linear_regression_gd(X, y, lr, steps):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        gw = np.zeros(d)
        gb = 0.0
        for xi, yi in zip(X, y):
            err = xi @ w + b - yi
            gw += err * xi
            gb += err
        w = w - lr * 2 / n * gw
        b = b - lr * 2 / n * gb
    return w, b
