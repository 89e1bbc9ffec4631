import numpy as np


def kmeans_step(X, centroids):
    """Squared distances by the expansion ((n, k), never (n, k, d)), argmin, then scattered sums."""
    X = np.asarray(X, dtype=np.float64)
    centroids = np.asarray(centroids, dtype=np.float64)
    k = centroids.shape[0]
    sq_dist = (X * X).sum(axis=1)[:, None] + (centroids * centroids).sum(axis=1)[None, :] - 2.0 * (X @ centroids.T)
    labels = sq_dist.argmin(axis=1)  # the first minimum: equal distances go to the lower index
    counts = np.bincount(labels, minlength=k)
    sums = np.zeros_like(centroids)
    np.add.at(sums, labels, X)
    filled = counts > 0
    new_centroids = centroids.copy()  # a cluster with no points keeps its centroid
    new_centroids[filled] = sums[filled] / counts[filled, None]
    return labels, new_centroids
