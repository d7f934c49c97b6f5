# arithmetic operator overloading
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return V(+self.x, +self.y)
    def __abs__(self):
        return round((self.x ** 2 + self.y ** 2) ** 0.5, 9)
    def __repr__(self):
        return 'V(%r, %r)' % (self.x, self.y)
a, b = V(3, 4), V(1, -2)
print(a + b, a - b, a * 3, a / 2, a // 2, a % 2, a ** 2)
print(-a, +b, abs(a), a + b * 2 - V(1, 1))
try:
    a + 1
except AttributeError as e:
    print(type(e).__name__)
