import numpy as np


def pairwise_euclidean(A, B):
    """Expand ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b so only (m, n) arrays are ever built."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    sq_a = np.einsum("ij,ij->i", A, A)
    sq_b = np.einsum("ij,ij->i", B, B)
    sq = sq_a[:, None] + sq_b[None, :]
    sq -= 2.0 * (A @ B.T)
    # Cancellation can leave a tiny negative where the true value is 0 (identical rows);
    # clipping first keeps sqrt away from NaN.
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq)
