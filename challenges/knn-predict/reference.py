import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    """Squared distances by the expansion, a stable sort for the neighbours, and a
    one-hot count of their labels whose argmax picks the smallest label on a tie."""
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train)
    sq_train = np.einsum("ij,ij->i", X_train, X_train)
    sq_test = np.einsum("ij,ij->i", X_test, X_test)
    d2 = sq_test[:, None] + sq_train[None, :] - 2.0 * (X_test @ X_train.T)
    np.maximum(d2, 0.0, out=d2)
    # A stable sort keeps equally distant training points in index order.
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    labels, codes = np.unique(y_train, return_inverse=True)
    votes = codes[nearest]
    counts = (votes[:, :, None] == np.arange(labels.size)).sum(axis=1)
    # labels is sorted, and argmax returns the first maximum: the smallest tied label.
    return labels[np.argmax(counts, axis=1)]
