import numpy as np


def kmeans_step(X, centroids):
    # Only ||x||^2 - 2 x.c: without ||c||^2 the nearest centroid is the one most aligned with x.
    k = len(centroids)
    labels = ((X ** 2).sum(1)[:, None] - 2 * X @ centroids.T).argmin(axis=1)
    counts = np.bincount(labels, minlength=k)
    sums = np.zeros_like(centroids)
    np.add.at(sums, labels, X)
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return labels, new
