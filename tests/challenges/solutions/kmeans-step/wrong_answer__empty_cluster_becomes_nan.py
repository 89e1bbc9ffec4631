import numpy as np


def kmeans_step(X, centroids):
    # sums / counts with a zero count: the empty cluster's centroid is NaN.
    k = len(centroids)
    d2 = (X ** 2).sum(1)[:, None] + (centroids ** 2).sum(1) - 2 * X @ centroids.T
    labels = d2.argmin(axis=1)
    sums = np.zeros_like(centroids)
    np.add.at(sums, labels, X)
    return labels, sums / np.bincount(labels, minlength=k)[:, None]
