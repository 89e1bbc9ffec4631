import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    s = 2 * y - 1
    loss = np.logaddexp(0, -s * z).mean() + l2 / 2 * np.dot(w, w)
    p = np.exp(-np.logaddexp(0, -z))
    return float(loss), X.T @ (p - y) / len(y) + l2 * w
