import numpy as np


def layernorm_backward(dout, x, gamma, eps=1e-5):
    """Backward pass of layer normalisation.

    Forward: y = gamma * (x - mu) / sqrt(var + eps) + beta, with mu and var (ddof=0) taken
    over each row of x (N, D); gamma and beta are (D,).
    Given dout = dL/dy (N, D), return (dx, dgamma, dbeta) of shapes (N, D), (D,), (D,).
    """
    raise NotImplementedError
