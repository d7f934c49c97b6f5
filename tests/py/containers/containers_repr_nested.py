# repr of nested containers of mixed types
obj = [1, (2, 3), {'k': [4, {5}]}, 'str', b'b', None, True, 1.5, (), [], {}]
print(obj)
print(repr(obj) == str(obj))
print((1, [2, (3,)], frozenset({7})))
print({'t': (1,), 'l': [()], 'd': {}})
print([[[]]], ((),), [''], ['\n'], ["'"])
