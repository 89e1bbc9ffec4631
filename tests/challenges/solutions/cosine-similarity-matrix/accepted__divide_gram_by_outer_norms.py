import numpy as np


def cosine_similarity_matrix(A, B, eps=1e-8):
    na = np.sqrt(np.einsum("ij,ij->i", A, A)).clip(min=eps)
    nb = np.sqrt(np.einsum("ij,ij->i", B, B)).clip(min=eps)
    return (A @ B.T) / np.outer(na, nb)
