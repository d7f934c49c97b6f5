# equal strings hash equal and work as dict keys (hash values not printed)
a = 'hello'
b = ''.join(['hel', 'lo'])
print(a == b, hash(a) == hash(b))
d = {a: 1}
print(d[b], b in d, 'HELLO'.lower() in d)
d['€'] = 2
print(d['€'], d.get('\u20ac'))
print(len({'x', 'x', 'y', ''.join(['x'])}))
print(isinstance(hash('abc'), int))
