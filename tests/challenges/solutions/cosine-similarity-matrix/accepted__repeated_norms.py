# rubric: broadcasting=fail
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    n, m = A.shape[0], B.shape[0]
    na = np.maximum(np.linalg.norm(A, axis=1), eps)
    nb = np.maximum(np.linalg.norm(B, axis=1), eps)
    denominators = np.repeat(na[:, None], m, axis=1) * np.tile(nb, (n, 1))
    return (A @ B.T) / denominators
