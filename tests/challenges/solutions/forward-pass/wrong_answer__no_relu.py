import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    # Forgets the nonlinearity: two stacked linear layers.
    return (X @ W1 + b1) @ W2 + b2
