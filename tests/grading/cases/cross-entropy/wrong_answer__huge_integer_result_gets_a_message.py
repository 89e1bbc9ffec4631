def cross_entropy(logits, labels):
    return 10 ** 400
