import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """Training-mode batch normalization of a batch of activations.

    x: float array (n, d), one sample per row. gamma, beta: float arrays (d,).
    Normalize each feature (column) with its batch mean and variance (ddof=0), then
    return gamma * x_hat + beta, shape (n, d).
    """
    raise NotImplementedError
