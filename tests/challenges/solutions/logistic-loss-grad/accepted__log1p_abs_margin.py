import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    n = X.shape[0]
    z = X @ w
    m = np.where(y == 1, z, -z)
    loss = np.mean(np.log1p(np.exp(-np.abs(m))) + np.maximum(-m, 0.0)) + 0.5 * l2 * np.sum(w * w)
    # A sigmoid that only exponentiates -|z|.
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    grad = np.einsum("nd,n->d", X, p - y) / n + l2 * w
    return loss, grad
