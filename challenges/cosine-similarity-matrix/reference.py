import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    """Normalise the rows of each side once, then a single matrix product gives every pair."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    # Flooring the norms at eps turns a zero row into 0 / eps = 0 instead of 0 / 0 = NaN.
    a_norms = np.maximum(np.linalg.norm(A, axis=1, keepdims=True), eps)
    b_norms = np.maximum(np.linalg.norm(B, axis=1, keepdims=True), eps)
    return (A / a_norms) @ (B / b_norms).T
