# membership and iteration on lists
l = [1, 'two', 3.0, (4,), [5], None]
print(1 in l, 'two' in l, 3 in l, (4,) in l, [5] in l, None in l, 6 not in l)
for i, v in enumerate(l):
    print(i, repr(v))
it = iter([10, 20])
print(next(it), next(it), next(it, 'done'))
print(list(reversed(l))[0], len(l))
print(l.count(3), l.index(3.0))
