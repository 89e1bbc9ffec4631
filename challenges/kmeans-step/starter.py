import numpy as np


def kmeans_step(X, centroids):
    """One Lloyd iteration of k-means.

    X: (n, d) points; centroids: (k, d).
    Returns (labels, new_centroids): labels (n,) int, the index of each point's nearest
    centroid by Euclidean distance (equal distances: the lower index); new_centroids (k, d),
    the mean of each cluster's points, or the old centroid for a cluster with no points.
    """
    raise NotImplementedError
