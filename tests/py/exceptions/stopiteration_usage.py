# StopIteration from custom iterators and next()
class Two:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
print(list(Two()))
it = iter([])
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
try:
    raise StopIteration('custom value')
except StopIteration as e:
    print(e.args, e.value)
