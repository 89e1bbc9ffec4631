import numpy as np


def rbf_kernel(X, Y, gamma):
    """Squared distances from ||x||^2 + ||y||^2 - 2 x.y: one matmul, no (n, m, d) temporary.

    Both sets are shifted by the same point first (distances do not change) so the norms
    stay small and the subtraction loses little precision; rounding can still leave tiny
    negative distances, which are clipped to 0.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    centre = X.mean(axis=0) if X.shape[0] else np.zeros(X.shape[1])
    X, Y = X - centre, Y - centre
    sq_dist = (X * X).sum(axis=1)[:, None] + (Y * Y).sum(axis=1)[None, :] - 2.0 * (X @ Y.T)
    return np.exp(-gamma * np.maximum(sq_dist, 0.0))
