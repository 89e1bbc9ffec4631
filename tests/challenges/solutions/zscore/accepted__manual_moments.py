import numpy as np


def zscore(X):
    mu = np.mean(X, axis=0, keepdims=True)
    dev = X - mu
    var = np.mean(dev * dev, axis=0, keepdims=True)
    flat = np.ptp(X, axis=0, keepdims=True) == 0
    out = np.zeros_like(dev)
    np.divide(dev, np.sqrt(var), out=out, where=~flat)
    return out
