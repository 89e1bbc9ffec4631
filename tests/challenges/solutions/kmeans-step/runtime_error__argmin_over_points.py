# rubric: axis_awareness=fail
import numpy as np


def kmeans_step(X, centroids):
    # argmin over axis 0 finds each centroid's nearest point, not each point's nearest centroid.
    d2 = (X ** 2).sum(1)[:, None] + (centroids ** 2).sum(1) - 2 * X @ centroids.T
    labels = d2.argmin(axis=0)
    new = centroids.copy()
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return labels, new
