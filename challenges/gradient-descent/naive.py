import numpy as np


def linear_regression_gd(X, y, lr, steps):
    """Loop version: every step visits the samples one by one to build the gradient."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        grad_w = np.zeros(d)
        grad_b = 0.0
        for i in range(n):
            r_i = float(X[i] @ w) + b - y[i]
            grad_w += r_i * X[i]
            grad_b += r_i
        w = w - lr * (2 / n) * grad_w
        b = b - lr * (2 / n) * grad_b
    return w, float(b)
