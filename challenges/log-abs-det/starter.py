import numpy as np


def log_abs_det(A):
    """The natural log of |det(A)| for a nonsingular square matrix A (n, n), as a float."""
    raise NotImplementedError
