import numpy as np


def log_abs_det(A):
    R = np.linalg.qr(A, mode="r")
    return np.sum(np.log(np.abs(np.diag(R))))
