# rubric: numerical_stability=fail
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = (x * x).mean(axis=0) - mean * mean
    return gamma * (x - mean) / np.sqrt(var + eps) + beta
