import numpy as np


def top_eigen(S, k):
    """eigh is made for symmetric matrices: real values in ascending order, orthonormal vectors."""
    values, vectors = np.linalg.eigh(S)
    # Reverse the order and keep the first k: columns are eigenvectors, so slice the columns.
    return values[::-1][:k], vectors[:, ::-1][:, :k]
