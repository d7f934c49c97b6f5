# set/frozenset methods with several arguments and any iterables, views, subclasses
def E(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__)
S = sorted
a = {1, 2, 3, 4}
print(S(a.union([5], (6,), range(7, 9))), S(a.intersection([1, 2, 9], {2, 1})), S(a.difference([1], {2})))
print(S(a.symmetric_difference([4, 4, 5])), S(a.union()), S(a.intersection()), a.union() is not a)
print(a.issubset(range(10)), a.issubset([1]), a.issuperset((1, 2)), a.issuperset(iter([1, 9])))
print(a.isdisjoint([9, 10]), a.isdisjoint(iter([4])), set().isdisjoint(set()), a <= a, a < a)
s = set()
s.update('ab', [1], {2: 'x'})
print(S(s, key=str))
s.intersection_update('abc', 'bcd')
print(S(s))
s = {1, 2, 3}
s.difference_update([1], (2,))
print(s)
s.symmetric_difference_update([3, 4, 4])
print(s)
E(lambda: s.symmetric_difference_update(1))
E(lambda: s.update(1))
E(lambda: s.issubset(1))
E(lambda: a | [1])
E(lambda: a - (1,))
E(lambda: a < [1])
print(a == [1, 2, 3, 4], a != (1,))
x = {1, 2}
x |= {3}
x &= {1, 3, 5}
x -= {1}
x ^= {3, 7}
print(x)
f = frozenset([1, 2])
g = f
g |= {3}
print(S(f), S(g), type(g).__name__, type(f | {9}).__name__, type({9} | f).__name__, type(f.union()).__name__)
print(hash(frozenset([1, 2, 3])) == hash(frozenset([3, 2, 1])), frozenset() == frozenset([]))
print({frozenset([1, 2]): 'v'}[frozenset([2, 1])], frozenset([1]) in {frozenset([1])}, {1} in {frozenset([1])})
s = {frozenset([1])}
s.remove({1})
print(s)
E(lambda: {1}.remove({2}))
E(lambda: frozenset().add(1))
E(lambda: {1}.pop() + set().pop())
E(lambda: {[]})
E(lambda: set([[]]))
E(lambda: set(1))
s = set(range(50))
popped = [s.pop() for _ in range(50)]
print(S(popped) == list(range(50)), s)
s = {1, 2, 3}
def grow():
    for v in s:
        s.add(v * 10)
E(grow)
d = {'a': 1, 'b': 2}
k = d.keys()
print(S({'a', 'z'} & k), S({'z'} | k), S({'a', 'z'} - k), S({'a', 'z'} ^ k), {'a', 'b'} == k)
class Tagged(set):
    def add(self, x):
        super().add(('t', x))
t = Tagged([1])
t.add(2)
print(S(t, key=str), len(t), ('t', 2) in t, type(t & {1}).__name__)
class F(frozenset):
    pass
ff = F('ab')
print(S(ff), {ff: 1}[frozenset('ba')], ff == frozenset('ab'), type(ff.copy()).__name__)
