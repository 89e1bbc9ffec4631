import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    # The computational graph walked backwards node by node.
    N, D = x.shape
    mu = np.mean(x, axis=1, keepdims=True)
    xmu = x - mu
    var = np.mean(xmu ** 2, axis=1, keepdims=True)
    std = np.sqrt(var + eps)
    ivar = 1.0 / std
    xhat = xmu * ivar
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * xhat, axis=0)
    dxhat = dout * gamma
    divar = np.sum(dxhat * xmu, axis=1, keepdims=True)
    dxmu1 = dxhat * ivar
    dstd = -divar / std ** 2
    dvar = 0.5 * dstd / std
    dxmu2 = 2.0 * xmu * dvar / D
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=1, keepdims=True)
    dx = dx1 + dmu / D
    return dx, dgamma, dbeta
