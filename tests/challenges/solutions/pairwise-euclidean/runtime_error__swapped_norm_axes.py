# rubric: axis_awareness=n/a  (every test fails with the same wrong shape or exception: reported under correctness)
import numpy as np


def pairwise_euclidean(A, B):
    a2 = np.sum(A * A, axis=1)
    b2 = np.sum(B * B, axis=1)
    # Norms on the wrong axes: only broadcasts (wrongly) when m == n.
    sq = a2[None, :] + b2[:, None] - 2 * A @ B.T
    return np.sqrt(np.maximum(sq, 0.0))
