# dicts with integer keys of all sizes
d = {}
for k in (0, -1, 1, 2 ** 31, -2 ** 31, 2 ** 64, -2 ** 64, 2 ** 100):
    d[k] = str(k)[:6]
print(d)
print(d[2 ** 64], d[-1], -2 ** 64 in d, 2 ** 65 in d)
del d[2 ** 31]
print(list(d))
sq = {i: i * i for i in range(-3, 4)}
print(sq, sq[-3])
