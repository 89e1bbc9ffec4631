# rubric: axis_awareness=fail
import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    # dgamma and dbeta summed over axis 1: one number per row instead of one per feature.
    mu = x.mean(axis=1, keepdims=True)
    inv = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    xhat = (x - mu) * inv
    g = dout * gamma
    dx = inv * (g - g.mean(axis=1, keepdims=True) - xhat * (g * xhat).mean(axis=1, keepdims=True))
    return dx, (dout * xhat).sum(axis=1), dout.sum(axis=1)
