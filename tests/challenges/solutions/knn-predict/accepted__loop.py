# rubric: vectorization=fail
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    out = []
    for x in X_test:
        dist = np.sqrt(((X_train - x) ** 2).sum(axis=1))
        idx = np.argsort(dist, kind="stable")[:k]
        counts = np.bincount(y_train[idx])
        out.append(np.argmax(counts))
    return np.array(out, dtype=y_train.dtype)
