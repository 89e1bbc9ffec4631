# rubric: vectorization=fail
import numpy as np


def rbf_kernel(X, Y, gamma):
    K = np.zeros((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            K[i, j] = np.exp(-gamma * np.sum((X[i] - Y[j]) ** 2))
    return K
