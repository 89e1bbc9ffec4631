import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    sq = (X_test ** 2).sum(1)[:, None] + (X_train ** 2).sum(1)[None, :] - 2 * X_test @ X_train.T
    nn = np.argsort(sq, axis=1, kind="stable")[:, :k]
    labels, codes = np.unique(y_train, return_inverse=True)
    counts = (codes[nn][..., None] == np.arange(len(labels))).sum(axis=1)
    # Forgets to map the winning position back to the label it stands for.
    return counts.argmax(axis=1)
