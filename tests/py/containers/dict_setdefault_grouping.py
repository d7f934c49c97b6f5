# grouping with setdefault and get
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
groups = {}
for w in words:
    groups.setdefault(w[0], []).append(w)
print(groups)
lengths = {}
for w in words:
    lengths[len(w)] = lengths.get(len(w), []) + [w]
print(lengths)
inv = {}
for k, vs in groups.items():
    for v in vs:
        inv[v] = k
print(inv)
print({k: len(v) for k, v in groups.items()})
