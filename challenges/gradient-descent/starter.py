import numpy as np


def linear_regression_gd(X, y, lr, steps):
    """Batch gradient descent on the mean squared error of the model X @ w + b.

    X: float array (n, d); y: float array (n,); lr: learning rate; steps: number of updates.
    Start from w = zeros(d), b = 0.0 and return the tuple (w, b) after `steps` updates.
    """
    raise NotImplementedError
