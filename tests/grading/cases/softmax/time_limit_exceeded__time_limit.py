# rubric: vectorization=fail
def softmax(z, axis=-1):
    while True:
        pass
