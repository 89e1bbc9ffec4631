# rubric: numerical_stability=fail
import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    s = 2 * y - 1
    loss = np.mean(np.log(1 + np.exp(-s * z))) + 0.5 * l2 * (w @ w)
    p = 1 / (1 + np.exp(-z))
    return loss, X.T @ (p - y) / X.shape[0] + l2 * w
