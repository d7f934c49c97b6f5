# keys/values/items views are live and iterable
d = {'a': 1, 'b': 2}
k, v, it = d.keys(), d.values(), d.items()
print(len(k), len(v), len(it), 'a' in k, 2 in v, ('b', 2) in it, ('b', 3) in it)
d['c'] = 3
print(list(k), list(v), list(it))
print(sorted(k), sum(v), [key + str(val) for key, val in it])
del d['a']
print(list(k), len(it))
for key in d.keys():
    print(key, d[key])
print(type(k).__name__, type(v).__name__, type(it).__name__)
