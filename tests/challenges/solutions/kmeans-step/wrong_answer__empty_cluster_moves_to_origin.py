import numpy as np


def kmeans_step(X, centroids):
    # Dividing by max(count, 1) avoids NaN but sends an empty cluster's centroid to 0.
    k = len(centroids)
    d2 = (X ** 2).sum(1)[:, None] + (centroids ** 2).sum(1) - 2 * X @ centroids.T
    labels = d2.argmin(axis=1)
    sums = np.zeros_like(centroids)
    np.add.at(sums, labels, X)
    return labels, sums / np.maximum(np.bincount(labels, minlength=k), 1)[:, None]
