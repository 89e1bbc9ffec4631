import math

import numpy as np


def feature_statistics(X):
    """Loop version: walk down each column element by element."""
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    names = ("mean", "std", "var", "min", "max", "median", "range")
    stats = {name: np.zeros(d) for name in names}
    for j in range(d):
        column = [float(X[i, j]) for i in range(n)]
        total = 0.0
        low = high = column[0]
        for value in column:
            total += value
            low = min(low, value)
            high = max(high, value)
        mean = total / n
        squares = 0.0
        for value in column:
            squares += (value - mean) ** 2
        ordered = sorted(column)
        middle = n // 2
        median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        stats["mean"][j] = mean
        stats["var"][j] = squares / (n - 1)
        stats["std"][j] = math.sqrt(squares / (n - 1))
        stats["min"][j] = low
        stats["max"][j] = high
        stats["median"][j] = median
        stats["range"][j] = high - low
    return stats
