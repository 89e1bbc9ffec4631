import numpy as np


def dot_product_retrieval(q, docs, k):
    scores = docs @ q
    return np.argsort(scores)[::-1][:k]  # equal scores come out larger index first
