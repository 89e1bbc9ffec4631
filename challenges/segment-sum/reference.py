import numpy as np


def segment_sum(values, segment_ids, num_segments):
    """Scatter-add with np.add.at, which (unlike out[ids] += values) adds every repeated id."""
    values = np.asarray(values)
    ids = np.asarray(segment_ids)
    if ids.size and (ids.min() < 0 or ids.max() >= num_segments):
        # Checked by hand: np.add.at would take -1 as the last segment without a word.
        raise ValueError(f"segment ids must lie in [0, {num_segments}); got values from {ids.min()} to {ids.max()}")
    # Integers add up in 64 bits: an int8 or int32 total overflows, and float64 rounds above 2**53.
    if values.dtype.kind in "bi":
        dtype = np.dtype(np.int64)
    elif values.dtype.kind == "u":
        dtype = np.dtype(np.uint64)
    else:
        dtype = np.result_type(values.dtype, np.float64)
    out = np.zeros((num_segments, *values.shape[1:]), dtype=dtype)
    np.add.at(out, ids, values.astype(dtype, copy=False))
    return out
