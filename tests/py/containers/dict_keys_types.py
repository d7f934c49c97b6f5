# hashable key types and unhashable errors
d = {}
d[1] = 'int'
d[2 ** 80] = 'bigint'
d[1.5] = 'float'
d['s'] = 'str'
d[b's'] = 'bytes'
d[(1, 'a')] = 'tuple'
d[frozenset([1, 2])] = 'frozenset'
d[None] = 'none'
d[True] = 'true overwrites 1'
print(len(d), d[1], d[2 ** 80], d[frozenset([2, 1])], d[None])
for bad in ([1], {1: 2}, {1}, bytearray(b'x')):
    try:
        d[bad] = 1
    except TypeError as e:
        print(type(bad).__name__, type(e).__name__)
