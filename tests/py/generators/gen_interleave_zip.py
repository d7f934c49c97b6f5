# generators combined with zip, enumerate, map and sorted
def squares():
    n = 0
    while True:
        yield n * n
        n += 1
def letters():
    yield from 'abcde'
print(list(zip(letters(), squares())))
print(list(enumerate(letters(), 1))[-2:])
print(list(map(lambda p: p[0] * p[1], zip(range(5), squares()))))
print(sorted((x % 7 for x in range(20)), reverse=True)[:5])
def roundrobin(*gens):
    gens = [iter(g) for g in gens]
    while gens:
        alive = []
        for g in gens:
            try:
                yield next(g)
                alive.append(g)
            except StopIteration:
                pass
        gens = alive
print(list(roundrobin('abc', [1, 2], (x for x in 'XYZW'))))
