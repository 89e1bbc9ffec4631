import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    # Only the direct path: forgets that mu and var depend on every entry of the row.
    mu = x.mean(axis=1, keepdims=True)
    inv = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    xhat = (x - mu) * inv
    return dout * gamma * inv, (dout * xhat).sum(axis=0), dout.sum(axis=0)
