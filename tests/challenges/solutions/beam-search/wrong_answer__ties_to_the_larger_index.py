import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    # Ascending argsort read backwards: equal scores come out largest index first.
    V = start_logp.shape[0]
    first = np.argsort(start_logp, kind="stable")[::-1][:beam]
    seqs, scores = first[:, None], start_logp[first]
    for _ in range(1, steps):
        flat = (scores[:, None] + trans_logp[seqs[:, -1]]).reshape(-1)
        best = np.argsort(flat, kind="stable")[::-1][:beam]
        seqs = np.column_stack([seqs[best // V], best % V])
        scores = flat[best]
    return seqs, scores
