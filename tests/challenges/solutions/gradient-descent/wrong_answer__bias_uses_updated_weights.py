import numpy as np


def linear_regression_gd(X, y, lr, steps):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        w = w - lr * (2 / n) * (X.T @ (X @ w + b - y))
        b = b - lr * (2 / n) * (X @ w + b - y).sum()
    return w, b
