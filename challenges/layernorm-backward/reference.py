import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    """The closed-form row gradient; the variance comes from centred rows, so large offsets cancel exactly."""
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    gamma = np.asarray(gamma, dtype=np.float64)
    centred = x - x.mean(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt((centred * centred).mean(axis=1, keepdims=True) + eps)
    x_hat = centred * inv_std
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    g = dout * gamma
    # d/dx of g . x_hat: remove the parts of g along the mean and along x_hat, then rescale.
    dx = inv_std * (g - g.mean(axis=1, keepdims=True) - x_hat * (g * x_hat).mean(axis=1, keepdims=True))
    return dx, dgamma, dbeta
