# iterating dicts
d = {'one': 1, 'two': 2, 'three': 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, v)
print([k for k in d if d[k] > 1], {v: k for k, v in d.items()})
it = iter(d)
print(next(it), next(it), list(it))
print(list(reversed(list(d))), max(d), min(d.values()), sum(d.values()))
print(sorted(d, key=d.get), sorted(d.items(), key=lambda kv: kv[1], reverse=True))
