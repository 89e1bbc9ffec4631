def softmax(z, axis=-1):
    while True:
        print("still thinking" * 100)
