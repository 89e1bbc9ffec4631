import numpy as np


def kmeans_step(X, centroids):
    # A loop over the k clusters is fine: k does not grow with the data.
    x2 = (X * X).sum(axis=1)[:, None]
    c2 = (centroids * centroids).sum(axis=1)[None, :]
    labels = np.argmin(x2 + c2 - 2 * X @ centroids.T, axis=1)
    new = centroids.copy()
    for j in range(len(centroids)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(axis=0)
    return labels, new
