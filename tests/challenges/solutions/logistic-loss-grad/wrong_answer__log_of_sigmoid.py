# rubric: numerical_stability=fail
import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    p = 1 / (1 + np.exp(-(X @ w)))
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * (w @ w)
    return loss, X.T @ (p - y) / len(y) + l2 * w
