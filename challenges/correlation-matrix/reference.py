import numpy as np


def correlation_matrix(X):
    """Centre, form the scatter matrix, divide by the outer product of the column norms.

    Constant columns are found by max == min rather than by a zero norm: a column of 0.1s
    centres to values near 1e-17, not exactly 0, and would otherwise correlate as +-1.
    """
    X = np.asarray(X, dtype=np.float64)
    constant = X.max(axis=0) == X.min(axis=0)
    centred = np.where(constant, 0.0, X - X.mean(axis=0))
    scatter = centred.T @ centred
    norms = np.where(constant, 1.0, np.sqrt(np.diag(scatter)))
    corr = np.clip(scatter / (norms[:, None] * norms[None, :]), -1.0, 1.0)
    np.fill_diagonal(corr, 1.0)
    return corr
