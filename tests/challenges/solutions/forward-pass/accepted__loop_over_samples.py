# rubric: vectorization=fail
import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    rows = []
    for x in X:
        h = np.maximum(x @ W1 + b1, 0)
        rows.append(h @ W2 + b2)
    return np.array(rows).reshape(len(X), W2.shape[1])
