# tuple unpacking, swaps and multiple targets
a, b = 1, 2
a, b = b, a
print(a, b)
x = y = z = [0]
x.append(1)
print(x, y, z, x is z)
(p, q), r = (1, 2), 3
print(p, q, r)
[m, n] = 'ab'
print(m, n)
i, j, k = range(3)
print(i, j, k)
d = {'k1': 1, 'k2': 2}
(k1, v1), (k2, v2) = d.items()
print(k1, v1, k2, v2)
l = [0, 0, 0]
i = 0
i, l[i] = 1, 'set'
print(i, l)
for bad in ([1, 2, 3], [1]):
    try:
        u, w = bad
    except ValueError as e:
        print(type(e).__name__)
try:
    u, w = 5
except TypeError as e:
    print(type(e).__name__)
