import numpy as np


def roc_auc(y_true, scores):
    y = (np.asarray(y_true) == 1).astype(float)
    if y.sum() == 0 or y.sum() == y.size:
        raise ValueError("need both classes")
    # A threshold at every sample instead of every distinct score: tied samples become
    # steps of the curve in whatever order the sort left them.
    order = np.argsort(-scores, kind="stable")
    tpr = np.concatenate(([0.0], np.cumsum(y[order]) / y.sum()))
    fpr = np.concatenate(([0.0], np.cumsum(1 - y[order]) / (1 - y).sum()))
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
