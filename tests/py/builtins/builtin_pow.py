# pow() with two arguments across types
print(pow(2, 10), pow(2, -2), pow(2.0, 3), pow(-2, 3), round(pow(4, 0.5), 9), pow(0, 0), pow(1.5, 2))
print(pow(10, 20), pow(-1, 2 ** 70), pow(2, 0.0), pow(-8, 1))
print(type(pow(2, 2)).__name__, type(pow(2, -1)).__name__)
class Num:
    def __init__(self, v):
        self.v = v
    def __pow__(self, other):
        return Num(self.v ** other)
    def __rpow__(self, other):
        return Num(other ** self.v)
print(pow(Num(3), 2).v, pow(2, Num(5)).v, (Num(2) ** 3).v)
