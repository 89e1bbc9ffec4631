import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    """Loop version: one row at a time, every sum written out over the features."""
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    dx = np.zeros((n, d))
    dgamma = np.zeros(d)
    dbeta = np.zeros(d)
    for i in range(n):
        mean = sum(float(v) for v in x[i]) / d
        var = sum((float(v) - mean) ** 2 for v in x[i]) / d
        inv_std = 1.0 / (var + eps) ** 0.5
        x_hat = [(float(v) - mean) * inv_std for v in x[i]]
        g = [float(dout[i, j]) * float(gamma[j]) for j in range(d)]
        g_mean = sum(g) / d
        g_dot = sum(g[j] * x_hat[j] for j in range(d)) / d
        for j in range(d):
            dx[i, j] = inv_std * (g[j] - g_mean - x_hat[j] * g_dot)
            dgamma[j] += float(dout[i, j]) * x_hat[j]
            dbeta[j] += float(dout[i, j])
    return dx, dgamma, dbeta
