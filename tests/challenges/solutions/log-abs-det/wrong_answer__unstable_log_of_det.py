# rubric: numerical_stability=fail
import numpy as np


def log_abs_det(A):
    # det(A) overflows to inf (or underflows to 0) long before its log does.
    return np.log(np.abs(np.linalg.det(A)))
