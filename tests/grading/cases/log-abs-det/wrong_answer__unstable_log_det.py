# rubric: numerical_stability=fail
import numpy as np


def log_abs_det(A):
    return float(np.log(abs(np.linalg.det(A))))
