# next() on generators and iterators with defaults
def gen():
    yield 1
    yield 2
g = gen()
print(next(g), next(g), next(g, None), next(g, 'again'))
it = iter([])
print(next(it, 0))
try:
    next(iter(()))
except StopIteration:
    print('StopIteration')
class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
c = Counter()
print(next(c), next(c), next(c, 'end'))
