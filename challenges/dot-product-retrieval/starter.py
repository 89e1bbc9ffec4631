import numpy as np


def dot_product_retrieval(q, docs, k):
    """Indices of the k documents with the largest dot product with the query.

    q: (d,) query vector. docs: (n, d), one document per row. k: 1 <= k <= n.
    Returns an int array (k,) ordered by descending score; equal scores go to the
    smaller index first.
    """
    raise NotImplementedError
