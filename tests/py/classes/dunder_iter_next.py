# custom iterators via __iter__ and __next__
class Countdown:
    def __init__(self, start):
        self.cur = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur <= 0:
            raise StopIteration
        self.cur -= 1
        return self.cur + 1
print(list(Countdown(5)))
c = Countdown(3)
print(next(c), [x for x in c], list(c))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Range2(3)
print(list(r), list(r), sum(r), max(r))
for a, b in zip(Range2(3), Countdown(3)):
    print(a, b)
print(dict(zip(Range2(2), 'ab')), sorted(Countdown(4)))
