# each call creates an independent generator with its own state
def counter(start, step):
    n = start
    while True:
        yield n
        n += step
a = counter(0, 1)
b = counter(100, -10)
print(next(a), next(b), next(a), next(b), next(a))
gens = [counter(i, i) for i in range(1, 4)]
for _ in range(3):
    print([next(g) for g in gens])
def with_args(*args, **kw):
    for a in args:
        yield a
    for k in sorted(kw):
        yield k, kw[k]
print(list(with_args(1, 2, z=26, a=1)))
