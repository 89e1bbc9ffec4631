# rubric: vectorization=fail numerical_stability=pass axis_awareness=pass
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    out = np.zeros((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            a, b = A[i], B[j]
            out[i, j] = a @ b / (max(np.linalg.norm(a), eps) * max(np.linalg.norm(b), eps))
    return out
