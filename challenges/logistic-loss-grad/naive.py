import math

import numpy as np


def logistic_loss_grad(w, X, y, l2=0.0):
    """Loop version: one sample at a time, one feature at a time, stable formulas per sample."""
    n, d = X.shape
    total = 0.0
    grad = [0.0] * d
    for i in range(n):
        z = 0.0
        for j in range(d):
            z += float(X[i, j]) * float(w[j])
        m = z if y[i] == 1 else -z
        # log(1 + exp(-m)), written so that exp only ever sees a value <= 0.
        total += math.log1p(math.exp(-abs(m))) + max(-m, 0.0)
        sigmoid = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        for j in range(d):
            grad[j] += (sigmoid - float(y[i])) * float(X[i, j])
    penalty = 0.0
    for j in range(d):
        penalty += float(w[j]) * float(w[j])
    grad_array = np.array([g / n + l2 * float(w[j]) for j, g in enumerate(grad)])
    return total / n + 0.5 * l2 * penalty, grad_array
