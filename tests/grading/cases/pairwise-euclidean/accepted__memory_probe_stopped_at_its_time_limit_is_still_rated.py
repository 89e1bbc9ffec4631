# rubric: memory_efficiency=fail
import numpy as np


def pairwise_euclidean(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    out = np.empty((A.shape[0], B.shape[0]))
    for start in range(0, A.shape[0], 32):
        diff = A[start:start + 32, None, :] - B[None, :, :]
        out[start:start + 32] = np.sqrt((diff * diff).sum(-1))
    return out
