import numpy as np


def roc_auc(y_true, scores):
    positive = np.asarray(y_true) == 1
    n = positive.size
    n_pos = int(positive.sum())
    n_neg = n - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes")
    order = np.argsort(scores)
    sorted_scores = scores[order]
    # One group per distinct score; groups are never empty, so reduceat is safe here.
    starts = np.flatnonzero(np.concatenate(([True], sorted_scores[1:] != sorted_scores[:-1])))
    pos_in_group = np.add.reduceat(positive[order].astype(np.int64), starts)
    neg_in_group = np.diff(np.append(starts, n)) - pos_in_group
    neg_below = np.cumsum(neg_in_group) - neg_in_group
    return float(np.sum(pos_in_group * (2 * neg_below + neg_in_group))) / (2 * n_pos * n_neg)
