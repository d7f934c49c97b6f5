# a complete value class combining several protocols
class Vec:
    def __init__(self, *c):
        self.c = tuple(c)
    def __len__(self):
        return len(self.c)
    def __getitem__(self, i):
        return self.c[i]
    def __iter__(self):
        return iter(self.c)
    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self, o)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self])
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Vec) and self.c == o.c
    def __hash__(self):
        return hash(self.c)
    def __bool__(self):
        return any(self.c)
    def __repr__(self):
        return 'Vec' + repr(self.c)
    def dot(self, o):
        return sum(a * b for a, b in zip(self, o))
v, w = Vec(1, 2, 3), Vec(4, 5, 6)
print(v + w, v * 2, 2 * v, v.dot(w), len(v), v[1], v[-1], list(v))
print(v == Vec(1, 2, 3), v != w, bool(Vec(0, 0)), bool(v), {v: 'v'}[Vec(1, 2, 3)])
print(sorted([w, v], key=lambda x: x.dot(x)), max(v), 2 in v)
