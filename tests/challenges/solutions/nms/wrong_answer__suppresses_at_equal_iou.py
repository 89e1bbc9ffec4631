import numpy as np


def nms(boxes, scores, iou_threshold):
    # >= instead of >: an IoU exactly at the threshold (or identical boxes at threshold 1) is dropped.
    x1, y1, x2, y2 = boxes.T
    area = (x2 - x1) * (y2 - y1)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        i, rest = order[0], order[1:]
        inter = (np.clip(np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]), 0, None)
                 * np.clip(np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]), 0, None))
        keep.append(i)
        order = rest[inter / (area[i] + area[rest] - inter) < iou_threshold]
    return np.array(keep, dtype=int)
