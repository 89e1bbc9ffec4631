import numpy as np


def roc_auc(y_true, scores):
    pos = np.asarray(y_true).astype(bool)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if n_pos == 0 or n_neg == 0:
        raise ValueError("both classes are needed")
    # Average ranks: every member of a tie group gets the mean of the ranks the group spans.
    values, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average_rank = ends - (counts - 1) / 2
    rank_sum = average_rank[inverse][pos].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
