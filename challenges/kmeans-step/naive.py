import numpy as np


def kmeans_step(X, centroids):
    """Loop version: every point against every centroid, then running sums per cluster."""
    X = np.asarray(X, dtype=np.float64)
    centroids = np.asarray(centroids, dtype=np.float64)
    n, d = X.shape
    k = centroids.shape[0]
    labels = np.zeros(n, dtype=np.int64)
    sums = np.zeros((k, d))
    counts = [0] * k
    for i in range(n):
        best, best_dist = 0, None
        for j in range(k):
            dist = sum((float(X[i, t]) - float(centroids[j, t])) ** 2 for t in range(d))
            if best_dist is None or dist < best_dist:
                best, best_dist = j, dist
        labels[i] = best
        sums[best] += X[i]
        counts[best] += 1
    new_centroids = centroids.copy()
    for j in range(k):
        if counts[j]:
            new_centroids[j] = sums[j] / counts[j]
    return labels, new_centroids
