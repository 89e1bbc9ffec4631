import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    sq = (X_test ** 2).sum(1)[:, None] + (X_train ** 2).sum(1)[None, :] - 2 * X_test @ X_train.T
    # Equal distances ordered by label instead of by training index.
    order = np.lexsort((np.broadcast_to(y_train, sq.shape), sq), axis=1)
    votes = y_train[order[:, :k]]
    labels = np.unique(y_train)
    counts = (votes[..., None] == labels).sum(axis=1)
    return labels[counts.argmax(axis=1)]
