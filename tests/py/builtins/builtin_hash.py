# hash() availability and consistency (values not printed)
for v in (1, -1, 2 ** 100, 1.5, 'abc', b'abc', (1, 'a'), None, True, frozenset([1])):
    print(type(v).__name__, isinstance(hash(v), int), hash(v) == hash(v))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print(type(v).__name__, type(e).__name__)
class K:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return self.k % 10
    def __eq__(self, other):
        return self.k == other.k
print(hash(K(13)), hash(K(27)), K(5) == K(5))
d = {K(1): 'one'}
print(d[K(1)])
class Plain:
    pass
p = Plain()
print(hash(p) == hash(p), isinstance(hash(p), int))
