import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    """logaddexp(0, -m) is log(1 + exp(-m)) without ever forming exp of a large positive number."""
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = X @ w
    margins = (2.0 * y - 1.0) * z
    loss = np.mean(np.logaddexp(0.0, -margins)) + 0.5 * l2 * (w @ w)
    # sigmoid(z) = 1 / (1 + exp(-z)) = exp(-log(1 + exp(-z))): exp of a value <= 0, never overflows.
    sigmoid = np.exp(-np.logaddexp(0.0, -z))
    grad = X.T @ (sigmoid - y) / X.shape[0] + l2 * w
    return float(loss), grad
