# rubric: axis_awareness=fail
import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    # Works column-major (one sample per column) and forgets to transpose back: (c, n).
    hidden = np.maximum(W1.T @ X.T + b1[:, None], 0)
    return W2.T @ hidden + b2[:, None]
