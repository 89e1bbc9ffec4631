import numpy as np


def _iou(a, b):
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def nms(boxes, scores, iou_threshold):
    """Loop version: sort the indices in Python, then compare every pair of boxes one at a time."""
    boxes = [[float(v) for v in box] for box in np.asarray(boxes, dtype=np.float64).reshape(-1, 4)]
    order = sorted(range(len(boxes)), key=lambda i: (-float(scores[i]), i))
    suppressed = [False] * len(boxes)
    keep = []
    for position, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[position + 1:]:
            if not suppressed[j] and _iou(boxes[i], boxes[j]) > iou_threshold:
                suppressed[j] = True
    return np.array(keep, dtype=np.intp)
