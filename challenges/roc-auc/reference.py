import numpy as np


def roc_auc(y_true, scores):
    """Sort each class once; a positive's wins are the negatives strictly below it plus half those equal."""
    positive = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=np.float64)
    pos = np.sort(scores[positive])
    neg = np.sort(scores[~positive])
    if pos.size == 0 or neg.size == 0:
        raise ValueError(f"roc_auc needs both classes; got {pos.size} positives and {neg.size} negatives")
    # side="left" counts negatives < each positive, side="right" those <= it: their sum counts
    # every win twice and every tie once. Integer counts stay exact; one division at the end.
    # (Sorted queries keep the binary searches cache-friendly.)
    below = np.searchsorted(neg, pos, side="left")
    below_or_tied = np.searchsorted(neg, pos, side="right")
    twice_wins = int(below.sum()) + int(below_or_tied.sum())
    return twice_wins / (2 * pos.size * neg.size)
