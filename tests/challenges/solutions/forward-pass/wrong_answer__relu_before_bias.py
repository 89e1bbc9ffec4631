import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    # The hidden bias is added after the ReLU instead of before it.
    hidden = np.maximum(X @ W1, 0) + b1
    return hidden @ W2 + b2
