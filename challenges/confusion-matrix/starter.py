import numpy as np


def confusion_matrix(y_true, y_pred, k):
    """Count how often each true class was predicted as each class.

    y_true, y_pred: int arrays of shape (n,) with labels in [0, k); k: number of classes.
    Returns an int array C of shape (k, k): C[i, j] = number of samples with true label i
    and predicted label j.
    """
    raise NotImplementedError
