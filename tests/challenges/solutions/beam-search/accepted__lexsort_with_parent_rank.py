import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    V = len(start_logp)
    order = np.lexsort((np.arange(V), -start_logp))[:beam]
    seqs = order.reshape(-1, 1)
    scores = start_logp[order]
    for _ in range(steps - 1):
        cand = scores[:, None] + trans_logp[seqs[:, -1], :]
        parent, token = np.divmod(np.arange(cand.size), V)
        lex = np.argsort(np.lexsort(seqs.T[::-1]))
        pick = np.lexsort((token, lex[parent], -cand.ravel()))[:beam]
        seqs = np.concatenate([seqs[parent[pick]], token[pick, None]], axis=1)
        scores = cand.ravel()[pick]
    return seqs, scores
