# dict creation, lookup, assignment, deletion, len
d = {'a': 1, 'b': 2}
print(d, len(d), d['a'], 'a' in d, 'z' in d, 1 in d)
d['c'] = 3
d['a'] = 10
print(d)
del d['b']
print(d, len(d))
print({}, dict(), {1: 'one', 2.5: 'f', None: 'n', (1, 2): 't', 'k': [1]})
try:
    d['missing']
except KeyError as e:
    print(type(e).__name__, e.args)
try:
    del d['missing']
except KeyError as e:
    print(type(e).__name__)
e = {}
e[1] = e.get(1, 0) + 1
e[1] = e.get(1, 0) + 1
print(e)
