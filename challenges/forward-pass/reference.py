import numpy as np


def forward_pass(X, W1, b1, W2, b2):
    """Whole batch at once: (n, d) @ (d, h) -> (n, h), and the (h,) bias broadcasts over rows."""
    hidden = np.maximum(X @ W1 + b1, 0.0)
    return hidden @ W2 + b2
