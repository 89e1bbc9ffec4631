# rubric: broadcasting=fail
import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    n = X.shape[0]
    hidden = np.maximum(X @ W1 + np.tile(b1, (n, 1)), 0)
    return hidden @ W2 + np.repeat(b2[np.newaxis, :], n, axis=0)
