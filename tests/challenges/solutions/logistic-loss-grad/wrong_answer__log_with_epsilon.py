# rubric: numerical_stability=fail
import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    # The usual "add a small epsilon inside the log" patch: no NaN, but the loss is capped at -log(eps).
    eps = 1e-15
    p = 1 / (1 + np.exp(-np.clip(X @ w, -500, 500)))
    loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * l2 * (w @ w)
    return loss, X.T @ (p - y) / len(y) + l2 * w
