# __eq__ and __hash__ control equality and dict/set behaviour
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return 'P(%d,%d)' % (self.x, self.y)
p, q, r = Point(1, 2), Point(1, 2), Point(2, 1)
print(p == q, p != q, p == r, p is q, p == (1, 2))
print(len({p, q, r}), {p: 'first'}[q], p in [r, q], [r, q].index(p))
d = {}
d[p] = 1
d[q] = 2
print(d)
class Default:
    pass
x, y = Default(), Default()
print(x == x, x == y, x != y, len({x, y, x}))
