import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    """Classify each row of `X_test` by its k nearest rows of `X_train` (Euclidean).

    X_train: float array (n_train, d); y_train: non-negative int labels (n_train,);
    X_test: float array (n_test, d); k: int, 1 <= k <= n_train.
    Equally distant training points are taken in order of their index (lower first);
    a tie in the vote goes to the smallest label.
    Returns an int array (n_test,) of predicted labels.
    """
    raise NotImplementedError
