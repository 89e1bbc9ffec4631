import numpy as np


def roc_auc(y_true, scores):
    """One sort, then count per group of equal scores: exact integer counts, one division at the end."""
    positive = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=np.float64)
    n = positive.size
    n_pos = int(np.count_nonzero(positive))
    n_neg = n - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"roc_auc needs both classes; got {n_pos} positives and {n_neg} negatives")
    order = np.argsort(scores)  # any order within a tie: ties are grouped below, never broken
    sorted_scores = np.sort(scores)  # the same values as scores[order], without a random gather
    starts = np.flatnonzero(np.concatenate(([True], sorted_scores[1:] != sorted_scores[:-1])))
    # Groups are never empty, so reduceat's empty-segment trap cannot bite here.
    pos_in_group = np.add.reduceat(positive[order].astype(np.int64), starts)
    neg_in_group = np.diff(np.append(starts, n)) - pos_in_group
    neg_below = np.cumsum(neg_in_group) - neg_in_group
    # A positive beats every negative in a lower group and ties with those in its own (half each).
    twice_wins = int(np.sum(pos_in_group * (2 * neg_below + neg_in_group)))
    return twice_wins / (2 * n_pos * n_neg)
