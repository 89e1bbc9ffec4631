import math

import numpy as np


def least_squares(X, y):
    """Loop version: fold the samples into a triangular R one row at a time with Givens
    rotations (an orthogonal, hence stable, QR), then back-substitute R w = z."""
    n, d = X.shape
    R = np.zeros((d, d))
    z = np.zeros(d)
    for i in range(n):
        row = np.array(X[i], dtype=np.float64)
        target = float(y[i])
        for j in range(d):
            if row[j] == 0.0:
                continue
            radius = math.hypot(R[j, j], row[j])
            c, s = R[j, j] / radius, row[j] / radius
            top = R[j, j:].copy()
            R[j, j:] = c * top + s * row[j:]
            row[j:] = c * row[j:] - s * top
            z[j], target = c * z[j] + s * target, c * target - s * z[j]
    w = np.zeros(d)
    for j in range(d - 1, -1, -1):
        w[j] = (z[j] - R[j, j + 1:] @ w[j + 1:]) / R[j, j]
    return w
