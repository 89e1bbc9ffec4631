# rubric: broadcasting=fail
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    n_test, n_train = len(X_test), len(X_train)
    a = np.repeat(X_test, n_train, axis=0)
    b = np.tile(X_train, (n_test, 1))
    d2 = ((a - b) ** 2).sum(axis=1).reshape(n_test, n_train)
    nn = np.argsort(d2, axis=1, kind="mergesort")[:, :k]
    labels = np.unique(y_train)
    counts = (y_train[nn][:, :, None] == labels[None, None, :]).sum(axis=1)
    return labels[counts.argmax(axis=1)]
