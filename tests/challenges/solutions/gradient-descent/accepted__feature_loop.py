# rubric: vectorization=fail
import numpy as np


def linear_regression_gd(X, y, lr, steps):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        r = X @ w + b - y
        new_w = w.copy()
        for j in range(d):
            new_w[j] = w[j] - lr * (2 / n) * np.dot(X[:, j], r)
        w = new_w
        b = b - lr * (2 / n) * r.sum()
    return w, b
