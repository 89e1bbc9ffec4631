import math

import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """Loop version: walk the samples of each feature column, two passes for mean and variance."""
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    out = np.empty((n, d))
    for j in range(d):
        column = x[:, j].tolist()
        mean = 0.0
        for value in column:
            mean += value
        mean /= n
        var = 0.0
        for value in column:
            var += (value - mean) ** 2
        var /= n
        scale = float(gamma[j]) / math.sqrt(var + eps)
        for i, value in enumerate(column):
            out[i, j] = (value - mean) * scale + float(beta[j])
    return out
