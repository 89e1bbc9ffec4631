import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    sq = (X_test ** 2).sum(1)[:, None] + (X_train ** 2).sum(1)[None, :] - 2 * X_test @ X_train.T
    # Leave-one-out habit: drops the nearest point as if it were the query itself.
    nn = np.argsort(sq, axis=1, kind="stable")[:, 1:k + 1]
    labels = np.unique(y_train)
    counts = (y_train[nn][..., None] == labels).sum(axis=1)
    return labels[counts.argmax(axis=1)]
