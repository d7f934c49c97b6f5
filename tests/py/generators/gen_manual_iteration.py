# driving a generator manually with next() and StopIteration
def g():
    yield 'x'
    yield 'y'
    return 'z'
it = g()
out = []
while True:
    try:
        out.append(next(it))
    except StopIteration as e:
        out.append('return:' + e.value)
        break
print(out)
print(hasattr(it, 'send'), hasattr(it, 'throw'), hasattr(it, 'close'), hasattr(it, '__next__'))
big = (i for i in range(100000))
total = 0
for v in big:
    total += v
print(total)
def take(n, it):
    return [next(it) for _ in range(n)]
def naturals():
    n = 0
    while True:
        yield n
        n += 1
nat = naturals()
print(take(5, nat), take(3, nat))
