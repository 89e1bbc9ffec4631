import numpy as np


def dot_product_retrieval(q, docs, k):
    # Reversing an ascending sort puts the LARGER index first among equal scores.
    order = np.argsort(docs @ q, kind="stable")[::-1]
    return order[:k]
