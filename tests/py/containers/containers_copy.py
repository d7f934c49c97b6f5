# shallow copies via constructors, slicing and copy()
orig = [[1, 2], [3]]
c1 = orig[:]
c2 = list(orig)
c3 = orig.copy()
c1.append('x')
c2[0].append(99)
print(orig, c1, c3, c1[0] is orig[0])
d = {'a': [1]}
d2 = dict(d)
d3 = d.copy()
d2['b'] = 2
d3['a'].append(2)
print(d, d2, d3)
s = {1, 2}
s2 = set(s)
s2.add(3)
print(sorted(s), sorted(s2))
t = (1, 2)
print(tuple(t) == t, t[:] == t)
