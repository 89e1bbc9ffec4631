import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    loss = np.mean(np.logaddexp(0, -(2 * y - 1) * z)) + 0.5 * l2 * (w @ w)
    p = np.exp(-np.logaddexp(0, -z))
    # y - p is the direction of steepest ascent of the log-likelihood, the negative of the loss gradient.
    return loss, X.T @ (y - p) / len(y) + l2 * w
