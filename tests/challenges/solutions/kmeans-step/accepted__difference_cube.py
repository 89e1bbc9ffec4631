# rubric: memory_efficiency=fail
import numpy as np


def kmeans_step(X, centroids):
    # Right answers, but the (n, k, d) difference array does not fit at n = 200,000, k = 256, d = 64.
    diff = X[:, None, :] - centroids[None, :, :]
    labels = np.argmin((diff ** 2).sum(axis=2), axis=1)
    new = centroids.copy()
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return labels, new
