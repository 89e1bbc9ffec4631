# rubric: axis_awareness=fail
import numpy as np


def correlation_matrix(X):
    c = X - X.mean(axis=1, keepdims=True)
    s = c @ c.T
    norm = np.sqrt(np.diag(s))
    norm[norm == 0] = 1.0
    r = s / np.outer(norm, norm)
    np.fill_diagonal(r, 1.0)
    return r
