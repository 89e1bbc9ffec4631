import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    pos, neg = scores[y], np.sort(scores[~y])
    with np.errstate(invalid="ignore", divide="ignore"):
        left = np.searchsorted(neg, pos, side="left").sum()
        right = np.searchsorted(neg, pos, side="right").sum()
        return np.float64(left + right) / (2 * pos.size * neg.size)
