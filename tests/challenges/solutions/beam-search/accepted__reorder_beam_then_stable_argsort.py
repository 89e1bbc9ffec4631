import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    # Put the kept sequences in lexicographic order first: then the flat (parent, token)
    # order is lexicographic, and a stable sort by score breaks ties the right way.
    V = start_logp.shape[0]
    first = np.argsort(-start_logp, kind="stable")[:beam]
    seqs, scores = first[:, None], start_logp[first]
    for _ in range(1, steps):
        lex = np.lexsort(seqs[:, ::-1].T)
        seqs, scores = seqs[lex], scores[lex]
        flat = (scores[:, None] + trans_logp[seqs[:, -1]]).reshape(-1)
        best = np.argsort(-flat, kind="stable")[:beam]
        seqs = np.column_stack([seqs[best // V], best % V])
        scores = flat[best]
    return seqs, scores
