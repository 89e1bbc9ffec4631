import numpy as np


def beam_search(start_logp, trans_logp, steps, beam):
    # Ranks the extensions by the last transition only, not by the whole sequence's score.
    V = len(start_logp)
    order = np.lexsort((np.arange(V), -start_logp))[:beam]
    seqs, scores = order[:, None], start_logp[order]
    for _ in range(steps - 1):
        step = trans_logp[seqs[:, -1]]
        parent, token = np.divmod(np.arange(step.size), V)
        lex = np.argsort(np.lexsort(seqs.T[::-1]))
        pick = np.lexsort((token, lex[parent], -step.ravel()))[:beam]
        scores = scores[parent[pick]] + step.ravel()[pick]
        seqs = np.concatenate([seqs[parent[pick]], token[pick, None]], axis=1)
    return seqs, scores
