# rubric: axis_awareness=fail
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    a_unit = A / np.maximum(np.linalg.norm(A, axis=0), eps)
    b_unit = B / np.maximum(np.linalg.norm(B, axis=0), eps)
    return a_unit @ b_unit.T
