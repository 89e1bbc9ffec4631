# rubric: vectorization=fail
import numpy as np


def nms(boxes, scores, iou_threshold):
    # Vectorized IoU, but the loop visits every box (suppressed ones included): it grows with n.
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    suppressed = np.zeros(len(boxes), dtype=bool)
    keep = []
    for i in np.argsort(-scores, kind="stable"):
        if suppressed[i]:
            continue
        keep.append(i)
        w = np.clip(np.minimum(boxes[i, 2], boxes[:, 2]) - np.maximum(boxes[i, 0], boxes[:, 0]), 0, None)
        h = np.clip(np.minimum(boxes[i, 3], boxes[:, 3]) - np.maximum(boxes[i, 1], boxes[:, 1]), 0, None)
        inter = w * h
        suppressed |= inter / (area[i] + area - inter) > iou_threshold
    return np.array(keep, dtype=int)
