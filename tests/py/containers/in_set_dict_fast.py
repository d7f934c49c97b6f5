# `in` / `not in` on sets, frozensets and dicts (the interpreter's direct path), their
# subclasses (which may override __contains__), keys with their own __eq__/__hash__, and
# unhashable keys.
s = {1, 2, 'a', (1, 2), None, 2.5}
fs = frozenset([3, 4, 'b'])
d = {1: 'x', 'k': 2, (3,): 4, 2.0: 'two'}
for x in (1, 2, 2.0, 'a', 'b', (1, 2), (3,), None, 2.5, 3, True, 1.0, 'k', 'zz'):
    print(x in s, x not in s, x in fs, x not in fs, x in d, x not in d)
for c in (s, fs, d):
    try:
        print([] in c)
    except TypeError as e:
        print('TypeError', e)
    try:
        print({} not in c)
    except TypeError as e:
        print('TypeError', e)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
ks = {K(1), K(2)}
kd = {K(3): 'three'}
print(K(1) in ks, K(5) in ks, K(3) in kd, K(3) not in kd, 1 in ks)
class MySet(set):
    def __contains__(self, x):
        return 'custom'
class MyDict(dict):
    def __contains__(self, x):
        return x == 'magic'
print(1 in MySet([1]), 'magic' in MyDict(), 'k' in MyDict(k=1), 5 not in MyDict())
seen = set()
n = 0
for i in range(20):
    if i % 3 in seen:
        n += 1
    seen.add(i % 3)
    if i not in d:
        n += 100
print(n, len(seen))
print([c for c in 'hello world' if c in {'o', 'l'}], {1: 2}.keys() and 1 in {1: 2}.keys())
# strs: interned and heap, substrings, empty, non-ASCII, str subclasses, wrong item types
LET = 'abcdefghijklmnopqrstuvwxyz'
heap = ''.join(['x', 'y', 'zé', '😀'])
class MyStr(str):
    pass
class CStr(str):
    def __contains__(self, x):
        return 'never'
for item in ('a', 'z', 'ab', 'yz', '', 'A', 'é', 'zé', '😀', MyStr('c'), heap[:2]):
    print(item in LET, item not in LET, item in heap, item in MyStr('abc'), item in CStr('q'))
for bad in (1, None, ['a'], b'a'):
    for cont in (LET, heap):
        try:
            print(bad in cont)
        except TypeError as e:
            print('TypeError', e)
print(sum(1 for ch in 'the quick brown fox' if ch in LET), 'fox' in 'the quick brown fox')
