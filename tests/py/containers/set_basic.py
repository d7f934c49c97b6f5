# set creation, membership, add/remove/discard
s = {3, 1, 2, 3, 1}
print(sorted(s), len(s), 2 in s, 5 in s, 5 not in s)
print(sorted(set()), sorted(set('hello')), sorted(set([1, 1, 2])), sorted(set(range(5))))
s.add(10)
s.add(1)
print(sorted(s))
s.remove(10)
s.discard(99)
s.discard(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError as e:
    print(type(e).__name__)
p = s.pop()
print(p in (1, 2), len(s))
s.clear()
print(len(s), s == set(), repr(set()))
print(type({1}).__name__, type({}).__name__)
