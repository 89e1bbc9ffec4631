import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    """Cosine similarity between every row of A and every row of B.

    A: float array (n, d); B: float array (m, d). Returns an (n, m) array whose entry
    [i, j] is A[i] . B[j] / (norm(A[i]) * norm(B[j])), where any row norm below `eps`
    is replaced by `eps` (so a zero row gives 0, never NaN).
    """
    raise NotImplementedError
