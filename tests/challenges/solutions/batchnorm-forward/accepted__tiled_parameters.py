# rubric: broadcasting=fail
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    n = x.shape[0]
    mean = np.tile(x.mean(axis=0), (n, 1))
    std = np.tile(np.sqrt(x.var(axis=0) + eps), (n, 1))
    return np.tile(gamma, (n, 1)) * (x - mean) / std + np.tile(beta, (n, 1))
