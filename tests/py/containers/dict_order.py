# insertion order is preserved
d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(list(d))
d['alpha'] = 0
print(list(d), d['alpha'])
del d['zeta']
d['zeta'] = 9
print(list(d.items()))
print(list({3: 'c', 1: 'a', 2: 'b'}), list(dict([(9, 0), (-1, 0), (5, 0)])))
e = dict(b=1, a=2, c=3)
print(e, list(e.values()))
f = {k: k * 2 for k in [5, 3, 8, 1]}
print(f)
big = {}
for i in range(50, 0, -3):
    big[i] = i
print(list(big)[:6], list(big)[-3:])
