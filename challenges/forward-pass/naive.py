import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    """Loop version: push one sample at a time through both layers."""
    n = X.shape[0]
    logits = np.empty((n, W2.shape[1]))
    for i in range(n):
        hidden = X[i] @ W1 + b1
        for j in range(hidden.shape[0]):
            if hidden[j] < 0.0:
                hidden[j] = 0.0
        logits[i] = hidden @ W2 + b2
    return logits
