# rubric: numerical_stability=fail
import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    a_unit = A / np.linalg.norm(A, axis=1, keepdims=True)
    b_unit = B / np.linalg.norm(B, axis=1, keepdims=True)
    return a_unit @ b_unit.T
