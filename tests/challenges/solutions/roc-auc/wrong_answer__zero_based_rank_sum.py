import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    values, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    # Average ranks counted from 0, but the Mann-Whitney correction is for ranks from 1.
    ranks = (np.cumsum(counts) - counts + (counts - 1) / 2)[inverse]
    return (ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
