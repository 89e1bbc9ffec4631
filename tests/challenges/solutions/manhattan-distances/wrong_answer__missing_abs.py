import numpy as np


def manhattan_distances(X, Y):
    return (X[:, None, :] - Y[None, :, :]).sum(axis=-1)
