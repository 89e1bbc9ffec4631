import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    # Extends each kept sequence by its own best token only: beam parallel greedy searches.
    V = start_logp.shape[0]
    first = np.lexsort((np.arange(V), -start_logp))[:beam]
    seqs, scores = first[:, None], start_logp[first]
    for _ in range(1, steps):
        rows = trans_logp[seqs[:, -1]]
        nxt = rows.argmax(axis=1)
        scores = scores + rows[np.arange(len(nxt)), nxt]
        seqs = np.column_stack([seqs, nxt])
        order = np.lexsort((np.arange(len(scores)), -scores))
        seqs, scores = seqs[order], scores[order]
    return seqs, scores
