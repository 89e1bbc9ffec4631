# rubric: vectorization=warn
import numpy as np


def segment_sum(values, segment_ids, num_segments):
    ids = np.asarray(segment_ids)
    if ids.size and (ids.min() < 0 or ids.max() >= num_segments):
        raise ValueError("segment ids must be in [0, num_segments)")
    values = np.asarray(values)
    values = values.astype(np.int64) if values.dtype.kind in "iu" else values.astype(np.float64)
    order = np.argsort(ids, kind="stable")
    counts = np.bincount(ids, minlength=num_segments)
    starts = np.cumsum(counts) - counts
    out = np.zeros((num_segments,) + values.shape[1:], dtype=values.dtype)
    # reduceat on an empty segment returns the next value instead of 0, and fails at the end:
    # only segments with values get a reduceat.
    nonempty = counts > 0
    if nonempty.any():
        out[nonempty] = np.add.reduceat(values[order], starts[nonempty], axis=0)
    return out
