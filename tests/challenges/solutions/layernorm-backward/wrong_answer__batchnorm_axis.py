# rubric: axis_awareness=fail
import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    # Batch norm's backward pass: statistics over the batch (axis 0) instead of over each row.
    N = x.shape[0]
    mu = x.mean(axis=0)
    inv = 1.0 / np.sqrt(x.var(axis=0) + eps)
    xhat = (x - mu) * inv
    g = dout * gamma
    dx = inv / N * (N * g - g.sum(axis=0) - xhat * (g * xhat).sum(axis=0))
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)
