import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    cross = X @ centroids.T
    cross *= -2.0
    cross += np.einsum("kd,kd->k", centroids, centroids)
    labels = cross.argmin(axis=1)  # ||x||^2 is the same for every centroid: not needed for the argmin
    one_hot = np.zeros((X.shape[0], k))
    one_hot[np.arange(X.shape[0]), labels] = 1.0
    counts = one_hot.sum(axis=0)
    sums = one_hot.T @ X
    new = centroids.astype(float).copy()
    has = counts > 0
    new[has] = sums[has] / counts[has, None]
    return labels, new
