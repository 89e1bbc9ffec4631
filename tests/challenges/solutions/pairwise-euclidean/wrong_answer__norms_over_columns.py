# rubric: axis_awareness=n/a  (every test fails with the same wrong shape or exception: reported under correctness)
import numpy as np


def pairwise_euclidean(A, B):
    diff_sq = (A[:, None, :] - B[None, :, :]) ** 2
    return np.sqrt(diff_sq.sum(axis=1))
