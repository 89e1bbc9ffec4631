import numpy as np


def nms(boxes, scores, iou_threshold):
    # The old "+ 1" pixel convention: touching boxes overlap by a pixel, and every IoU shifts.
    x1, y1, x2, y2 = boxes.T
    area = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        i, rest = order[0], order[1:]
        w = np.maximum(0.0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]) + 1)
        h = np.maximum(0.0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]) + 1)
        inter = w * h
        keep.append(i)
        order = rest[inter / (area[i] + area[rest] - inter) <= iou_threshold]
    return np.array(keep, dtype=int)
