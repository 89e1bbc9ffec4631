import numpy as np

EPS = 1e-8


def cosine_distances(X, Y):
    """Scale every row to unit length (norms floored at EPS), then one matrix product."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    # Flooring the norm keeps a zero row at 0 / 1e-8 = 0 instead of 0 / 0 = nan.
    norm_x = np.maximum(np.linalg.norm(X, axis=1), EPS)
    norm_y = np.maximum(np.linalg.norm(Y, axis=1), EPS)
    return 1.0 - (X / norm_x[:, None]) @ (Y / norm_y[:, None]).T
