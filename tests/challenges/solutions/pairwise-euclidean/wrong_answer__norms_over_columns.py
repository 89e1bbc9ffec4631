# rubric: axis_awareness=fail
import numpy as np


def pairwise_euclidean(A, B):
    diff_sq = (A[:, None, :] - B[None, :, :]) ** 2
    return np.sqrt(diff_sq.sum(axis=1))
