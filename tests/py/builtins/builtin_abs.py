# abs() on numeric types and objects defining __abs__
print(abs(-5), abs(5), abs(0), abs(-2 ** 100), abs(-3.25), abs(0.0), abs(-0.0))
print(abs(3 + 4j), abs(-1j), abs(True), abs(-float('inf')))
class V:
    def __init__(self, x):
        self.x = x
    def __abs__(self):
        return V(self.x if self.x >= 0 else -self.x)
    def __repr__(self):
        return 'V(%d)' % self.x
print(abs(V(-7)), abs(V(3)))
try:
    abs('x')
except TypeError as e:
    print(type(e).__name__)
