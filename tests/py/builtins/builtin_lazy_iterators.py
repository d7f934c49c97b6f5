# map/filter/zip/enumerate/reversed are lazy single-pass iterators
calls = []
def track(x):
    calls.append(x)
    return x * 10
m = map(track, [1, 2, 3])
print(calls)
print(next(m), calls)
print(list(m), calls)
print(list(m))
f = filter(lambda x: calls.append(('f', x)) or x > 1, [1, 2, 3])
print(len(calls), list(f), len(calls))
z = zip(iter([1, 2, 3]), iter('ab'))
print(list(z), list(z))
e = enumerate('xy')
print(iter(e) is e, list(e), list(e))
