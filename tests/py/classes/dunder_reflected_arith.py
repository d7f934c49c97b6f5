# reflected operators are used when the left operand cannot handle the operation
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        if isinstance(o, Money):
            return Money(self.cents + o.cents)
        if isinstance(o, int):
            return Money(self.cents + o)
        return NotImplemented
    def __radd__(self, o):
        return self.__add__(o)
    def __sub__(self, o):
        return Money(self.cents - (o.cents if isinstance(o, Money) else o))
    def __rsub__(self, o):
        return Money(o - self.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    def __rmul__(self, k):
        return Money(self.cents * k * 1)
    def __repr__(self):
        return 'Money(%d)' % self.cents
m = Money(250)
print(m + 50, 50 + m, m + Money(1), 1000 - m, m - 50, 3 * m, m * 2)
print(sum([Money(1), Money(2), Money(3)]))
try:
    'x' + m
except TypeError as e:
    print(type(e).__name__)
try:
    m + 'x'
except TypeError as e:
    print(type(e).__name__)
