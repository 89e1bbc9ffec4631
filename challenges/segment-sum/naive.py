import numpy as np


def segment_sum(values, segment_ids, num_segments):
    """Loop version: visit the values one at a time and add each to its segment's running total."""
    values = np.asarray(values)
    integer = values.dtype.kind in "biu"
    out = np.zeros((num_segments, *values.shape[1:]), dtype=np.int64 if integer else np.float64)
    for i in range(len(segment_ids)):
        segment = int(segment_ids[i])
        if segment < 0 or segment >= num_segments:
            raise ValueError(f"segment id {segment} is outside [0, {num_segments})")
        out[segment] += values[i]
    return out
