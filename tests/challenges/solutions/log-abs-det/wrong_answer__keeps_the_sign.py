import numpy as np


def log_abs_det(A):
    # Multiplies the sign back in: a negative determinant gives a negative answer.
    sign, logabsdet = np.linalg.slogdet(A)
    return sign * logabsdet
