# rubric: numerical_stability=fail
import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    # Clipping z avoids the overflow but changes the answer: a margin of -1000 now costs 500.
    z = np.clip(X @ w, -500, 500)
    m = (2 * y - 1) * z
    loss = np.mean(np.log1p(np.exp(-m))) + 0.5 * l2 * (w @ w)
    p = 1 / (1 + np.exp(-z))
    return loss, X.T @ (p - y) / len(y) + l2 * w
