# iter() and next() including defaults and StopIteration
it = iter([1, 2])
print(next(it), next(it), next(it, 'fallback'))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__)
s = iter('ab')
print(iter(s) is s, list(s))
d = iter({'k1': 1, 'k2': 2})
print(next(d), next(d))
t = iter(range(3))
print(list(t), list(t))
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__)
