def softmax(z, axis=-1):
    value = [1.5]
    for _ in range(40):
        value = [value]
    return value
