# len() of builtins and objects with __len__
print(len(''), len('héllo'), len(b'ab'), len([1, 2]), len((1,)), len({'a': 1}), len({1, 2, 3}), len(range(0, 10, 3)))
class Box:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(Box(7)), len(Box(0)), bool(Box(0)), bool(Box(2)))
for bad in (5, None, 1.5, iter([])):
    try:
        len(bad)
    except TypeError as e:
        print(type(e).__name__)
