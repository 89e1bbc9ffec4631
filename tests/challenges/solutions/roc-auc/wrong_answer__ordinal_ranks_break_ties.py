import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    n_pos, n_neg = y.sum(), (~y).sum()
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    # argsort of argsort gives ranks 1..n, but ties get distinct ranks in sort order.
    ranks = np.argsort(np.argsort(scores, kind="stable"), kind="stable") + 1
    return (ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
