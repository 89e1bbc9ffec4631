import numpy as np


def manhattan_distances(X, Y):
    # Pairs X[i] with Y[i] only, instead of every X[i] with every Y[j].
    return np.abs(X - Y).sum(axis=1)
