import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    """Loop version: for each test point, sort (distance, index) pairs and count votes."""
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train)
    predictions = []
    for x in X_test:
        pairs = []
        for i in range(X_train.shape[0]):
            diff = X_train[i] - x
            pairs.append((float(np.dot(diff, diff)), i))
        pairs.sort()  # by distance, then by the lower training index
        votes = {}
        for _, i in pairs[:k]:
            label = int(y_train[i])
            votes[label] = votes.get(label, 0) + 1
        predictions.append(min(votes, key=lambda label: (-votes[label], label)))
    return np.array(predictions, dtype=y_train.dtype)
