# rubric: vectorization=fail
import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    dx = np.empty_like(x)
    xhat = np.empty_like(x)
    for i in range(x.shape[0]):
        inv = 1.0 / np.sqrt(x[i].var() + eps)
        xhat[i] = (x[i] - x[i].mean()) * inv
        g = dout[i] * gamma
        dx[i] = inv * (g - g.mean() - xhat[i] * (g * xhat[i]).mean())
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)
