# repr and str of dicts
print({'a': 'b'}, repr({1: [2, 3]}), str({(1,): {'n': None}}))
print({'q': "it's"}, {1.5: True, 'x': b'y'})
print({}, {1: {}}, [{}])
print(repr({'nested': {'deeper': {'deepest': 1}}}))
print(str({1: 'a', 2: 'b'}), repr({'tab\t': 'nl\n'}))
print({(1, 2): frozenset([3]), None: ...})
d = {}
d['x'] = d.get('x', [])
print(d, str(d) == repr(d))
print({'float': 0.1, 'big': 2 ** 70, 'neg': -1, 'complex': 1j})
