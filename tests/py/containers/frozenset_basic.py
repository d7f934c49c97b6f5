# frozenset is immutable and hashable
f = frozenset([3, 1, 2, 1])
print(sorted(f), len(f), 1 in f, type(f).__name__)
g = f | {9}
print(sorted(g), type(g).__name__, type(f & {1}).__name__, type({1} | f).__name__)
print(f == {1, 2, 3}, f == frozenset({1, 2, 3}), hash(f) == hash(frozenset([1, 2, 3])))
d = {f: 'frozen'}
print(d[frozenset({1, 2, 3})])
print(sorted(f.union([4])), sorted(f.intersection([1, 5])), f.issubset(range(5)))
try:
    f.add(4)
except AttributeError as e:
    print(type(e).__name__)
print(sorted({frozenset({1}), frozenset({1}), frozenset()}, key=len))
print(frozenset(), len(frozenset('aab')))
