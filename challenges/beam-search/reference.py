import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    """One vectorized selection per step over all (kept sequence, next token) pairs.

    Ties need the candidates' lexicographic order, which is (parent's lexicographic rank,
    token): the parents' order in the beam is by score, so their rank is computed apart.
    """
    start = np.asarray(start_logp, dtype=np.float64)
    trans = np.asarray(trans_logp, dtype=np.float64)
    vocab = start.shape[0]
    first = np.lexsort((np.arange(vocab), -start))[:beam]  # best score first, then the smaller token
    seqs, scores = first[:, None], start[first]
    for _ in range(1, steps):
        candidates = (scores[:, None] + trans[seqs[:, -1]]).ravel()  # (beam * V,), row-major: parent, token
        parents, tokens = np.divmod(np.arange(candidates.size), vocab)
        rank = np.empty(len(seqs), dtype=np.intp)
        rank[np.lexsort(seqs.T[::-1])] = np.arange(len(seqs))  # lexicographic rank of each kept sequence
        best = np.lexsort((tokens, rank[parents], -candidates))[:beam]
        seqs = np.hstack([seqs[parents[best]], tokens[best, None]])
        scores = candidates[best]
    return seqs, scores
