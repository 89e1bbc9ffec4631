# rubric: vectorization=fail
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    b_unit = B / np.maximum(np.linalg.norm(B, axis=1), eps)[:, None]
    rows = []
    for a in A:
        rows.append(b_unit @ (a / max(np.linalg.norm(a), eps)))
    return np.array(rows).reshape(len(A), len(B))
