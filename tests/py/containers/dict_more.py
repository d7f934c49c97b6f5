# dict methods and views beyond the basics
def E(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__)
d = {}
for i in range(200):
    d[i] = i
for i in range(0, 200, 2):
    del d[i]
print(len(d), list(d)[:5], list(d)[-3:])
for i in range(0, 10, 2):
    d[i] = 'new'
print(list(d.items())[-6:])
d = dict.fromkeys(range(50))
order = [d.popitem()[0] for _ in range(5)]
d['x'] = 1
print(order, d.popitem(), len(d))
E(lambda: {}.popitem())
E(lambda: {}.pop('k'))
print({}.pop('k', None), {'k': 1}.pop('k'))
E(lambda: {}.get([]))
E(lambda: [] in {})
d = {'a': 1}
print(d.setdefault('a', 2), d.setdefault('b', []), d.setdefault('c'), d)
d.update([('x', 1), ['y', 2]], z=3)
d.update({'a': 0})
print(d)
E(lambda: d.update([('bad',)]))
E(lambda: d.update([5]))
E(lambda: d.update({}, {}))
E(lambda: dict([1, 2], [3]))
print(dict.fromkeys('ab', 0), dict.fromkeys([]), {}.fromkeys((1, 2)))
class D(dict):
    pass
print(type(D.fromkeys('a')).__name__, D.fromkeys('a', 5))
a, b = {'x': 1, 'y': 2}, {'y': 20, 'z': 30}
print(a | b, b | a, a)
a |= b
print(a)
a |= [('w', 0)]
print(a)
E(lambda: {} | [('a', 1)])
E(lambda: {} | 1)
print({1: 'a'} == {1.0: 'a'}, {1: 2} == {1: 2.0}, {'a': [1]} == {'a': [1]}, {} != {1: 1})
E(lambda: {} < {})
k = {'a': 1, 'b': 2, 'c': 3}.keys()
print(sorted(k & {'a', 'z'}), sorted(k | ['q']), sorted(k - {'a'}), sorted(k ^ {'a', 'q'}))
print(k == {'a', 'b', 'c'}, k != {'a'}, k <= {'a', 'b', 'c', 'd'}, k > {'a'}, len(k), 'b' in k)
items = {'a': 1, 'b': 2}.items()
print(('a', 1) in items, ('a', 2) in items, ['a', 1] in items, sorted(items & {('a', 1), ('b', 3)}))
vals = {'a': 1, 'b': 2}.values()
print(1 in vals, 3 in vals, len(vals), sorted(vals))
print(list(reversed({1: 'a', 2: 'b'})), list(reversed({1: 'a', 2: 'b'}.values())), list(reversed({1: 'a'}.items())))
d = {1: 1}
def grow():
    for k in d:
        d[k + 1] = 1
E(grow)
def shrink():
    for k in d.values():
        d.clear()
E(shrink)
d = {i: i for i in range(10)}
for k in list(d):
    if k % 3:
        del d[k]
print(d, list(d.keys()), list(d.values()))
k = d.keys()
d['new'] = 1
print(list(k), len(k))
class Missing(dict):
    def __missing__(self, key):
        self[key] = len(key)
        return self[key]
m = Missing()
print(m['abc'], m, 'abc' in m, m.get('zz'), 'zz' in m)
class Keys:
    def keys(self):
        return iter(['p', 'q'])
    def __getitem__(self, k):
        return k * 2
print(dict(Keys()), dict(Keys(), r=1))
nan = float('nan')
d = {nan: 1}
print(d[nan], nan in d, len({nan: 1, float('nan'): 2}))
print({1: 2, True: 3, 1.0: 4}, {(1, 2): 'a'}[(1, 2)], {frozenset([1]): 'f'}[frozenset([1])])
