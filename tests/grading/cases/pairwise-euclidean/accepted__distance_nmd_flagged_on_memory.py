# rubric: memory_efficiency=fail vectorization=pass
import numpy as np


def pairwise_euclidean(A, B):
    diff = A[:, None, :] - B[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=-1))
