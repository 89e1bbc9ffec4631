# rubric: vectorization=fail
import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    n = X.shape[0]
    loss = 0.0
    grad = np.zeros_like(w, dtype=float)
    for i in range(n):
        z = X[i] @ w
        s = 1.0 if y[i] == 1 else -1.0
        loss += np.logaddexp(0.0, -s * z)
        grad += (np.exp(-np.logaddexp(0.0, -z)) - y[i]) * X[i]
    return loss / n + 0.5 * l2 * (w @ w), grad / n + l2 * w
