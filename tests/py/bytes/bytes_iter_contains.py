# iteration and membership on bytes
b = b'hello'
print(list(b), tuple(b'AB'), [chr(c) for c in b])
print(104 in b, 120 in b, b'ell' in b, b'' in b, b'xyz' in b)
print(sum(b), len(b), sorted(b), list(reversed(b)))
print(list(enumerate(b'ab')), dict(zip(b'ab', b'cd')))
