# rubric: vectorization=warn
import numpy as np


def dot_product_retrieval(q, docs, k):
    scores = docs @ q
    return np.argsort(-scores, kind="stable")[:k]
