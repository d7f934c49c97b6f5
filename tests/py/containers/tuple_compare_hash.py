# tuple comparison and hashing
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 99), (1, 'a') == (1, 'a'))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(tuple()))
d = {(1, 2): 'a', (1, (2, 3)): 'b'}
print(d[(1, 2)], d[1, (2, 3)], (1, 2) in d)
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')]), max([(1, 5), (2, 0)]))
try:
    hash(([1], 2))
except TypeError as e:
    print(type(e).__name__)
print(len({(1, 2), (1, 2), (2, 1)}))
