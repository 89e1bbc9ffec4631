# rubric: vectorization=fail
import numpy as np


def kmeans_step(X, centroids):
    k = len(centroids)
    labels = np.empty(len(X), dtype=int)
    sums = np.zeros_like(centroids)
    counts = np.zeros(k)
    for i, x in enumerate(X):
        j = int(np.argmin(((centroids - x) ** 2).sum(axis=1)))
        labels[i] = j
        sums[j] += x
        counts[j] += 1
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return labels, new
