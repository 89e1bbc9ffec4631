import numpy as np


def kmeans_step(X, centroids):
    k = len(centroids)
    d2 = np.sum(X ** 2, axis=1, keepdims=True) - 2 * X @ centroids.T + np.sum(centroids ** 2, axis=1)
    labels = np.argmin(d2, axis=1)
    sums = np.zeros(centroids.shape)
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)[:, None]
    new = np.where(counts > 0, sums / np.maximum(counts, 1), centroids)
    return labels, new
