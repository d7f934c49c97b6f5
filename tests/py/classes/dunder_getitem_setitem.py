# __getitem__, __setitem__ and __delitem__
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError('out of grid')
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def render(self):
        return '\n'.join(''.join(self[x, y] for x in range(self.w)) for y in range(self.h))
g = Grid(4, 3)
g[0, 0] = '#'
g[3, 2] = '@'
g[1, 1] = 'x'
print(g.render())
del g[1, 1]
print(g[1, 1], g[0, 0])
try:
    g[10, 10]
except IndexError as e:
    print('IndexError', e.args[0])
try:
    del g[2, 2]
except KeyError:
    print('KeyError from delitem')
class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError
        return i * i
print(list(Squares()), 9 in Squares(), [v for v in Squares()])
