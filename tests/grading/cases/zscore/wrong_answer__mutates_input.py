import numpy as np


def zscore(X):
    X -= X.mean(axis=0)
    std = X.std(axis=0)
    const = np.ptp(X, axis=0) == 0
    X /= np.where(const, 1.0, std)
    X[:, const] = 0.0
    return X
