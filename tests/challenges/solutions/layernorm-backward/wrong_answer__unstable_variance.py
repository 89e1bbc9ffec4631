# rubric: numerical_stability=fail
import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    # E[x^2] - mu^2: cancels to noise (or below zero) when the rows sit near 1e6.
    mu = x.mean(axis=1, keepdims=True)
    var = (x ** 2).mean(axis=1, keepdims=True) - mu ** 2
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv
    g = dout * gamma
    dx = inv * (g - g.mean(axis=1, keepdims=True) - xhat * (g * xhat).mean(axis=1, keepdims=True))
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)
