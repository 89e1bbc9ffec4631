import numpy as np


def dot_product_retrieval(q, docs, k):
    """Select the k best with a partition (O(n)), then sort only those k by (-score, index)."""
    scores = docs @ q
    n = scores.shape[0]
    if k < n:
        # The k-th largest score; everything above it is in, and the tied ones at it are
        # taken in index order, because argpartition alone breaks ties arbitrarily.
        kth = np.partition(scores, n - k)[n - k]
        above = np.flatnonzero(scores > kth)
        at = np.flatnonzero(scores == kth)[: k - above.size]
        chosen = np.concatenate([above, at])
    else:
        chosen = np.arange(n)
    # lexsort's last key is the primary one: descending score, then ascending index.
    order = np.lexsort((chosen, -scores[chosen]))
    return chosen[order]
