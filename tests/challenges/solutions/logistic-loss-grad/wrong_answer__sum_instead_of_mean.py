import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    loss = np.sum(np.logaddexp(0, -(2 * y - 1) * z)) + 0.5 * l2 * (w @ w)
    p = np.exp(-np.logaddexp(0, -z))
    return loss, X.T @ (p - y) + l2 * w
