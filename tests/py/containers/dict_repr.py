# repr and str of dicts
print({'a': 'b'}, repr({1: [2, 3]}), str({(1,): {'n': None}}))
print({'q': "it's"}, {1.5: True, 'x': b'y'})
print({}, {1: {}}, [{}])
