# rubric: vectorization=fail
import numpy as np


def least_squares(X, y):
    Q, R = np.linalg.qr(X)
    qty = np.zeros(X.shape[1])
    for i in range(X.shape[0]):
        qty += Q[i] * y[i]
    return np.linalg.solve(R, qty)
