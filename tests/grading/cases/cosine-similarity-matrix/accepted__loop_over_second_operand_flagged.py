# rubric: vectorization=fail
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    a = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), eps)
    columns = []
    for j in range(B.shape[0]):
        b = B[j] / max(np.linalg.norm(B[j]), eps)
        columns.append(a @ b)
    return np.stack(columns, axis=1)
