# tuples: creation, indexing, slicing, immutability
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], t[::-1], len(t))
print((), (1,), tuple(), tuple('ab'), tuple([1, 2]), tuple(range(3)))
x = 1, 2
print(x, type(x).__name__)
print(t + (4,), t * 2, 2 * (0,), (1,) * 0)
try:
    t[0] = 9
except TypeError as e:
    print(type(e).__name__)
try:
    t.append(4)
except AttributeError as e:
    print(type(e).__name__)
print(t.count(2), t.index(3), (1, 2, 1).count(1))
inner = ([1], 2)
inner[0].append(5)
print(inner)
