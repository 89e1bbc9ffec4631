import numpy as np


def roc_auc(y_true, scores):
    """Loop version: sort once, then walk the samples in score order, one group of ties at a time."""
    labels = [int(v) for v in y_true]
    values = [float(v) for v in scores]
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes")
    order = sorted(range(len(values)), key=lambda i: values[i])
    wins = 0.0
    neg_below = 0
    i = 0
    while i < len(order):
        j = i
        pos_here = neg_here = 0
        while j < len(order) and values[order[j]] == values[order[i]]:
            if labels[order[j]] == 1:
                pos_here += 1
            else:
                neg_here += 1
            j += 1
        wins += pos_here * (neg_below + 0.5 * neg_here)
        neg_below += neg_here
        i = j
    return wins / (n_pos * n_neg)
