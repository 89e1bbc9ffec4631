# rubric: vectorization=warn
import numpy as np


def nms(boxes, scores, iou_threshold):
    # The full IoU matrix once, then one iteration per kept box over a boolean mask.
    n = len(boxes)
    lo = np.maximum(boxes[:, None, :2], boxes[None, :, :2])
    hi = np.minimum(boxes[:, None, 2:], boxes[None, :, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=-1)
    area = np.prod(boxes[:, 2:] - boxes[:, :2], axis=1)
    iou = inter / (area[:, None] + area[None, :] - inter)
    rank = np.lexsort((np.arange(n), -scores))
    alive = np.ones(n, dtype=bool)
    keep = []
    while alive.any():
        i = rank[alive[rank]][0]
        keep.append(i)
        alive &= iou[i] <= iou_threshold
        alive[i] = False
    return np.array(keep, dtype=int)
