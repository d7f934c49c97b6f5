# comparisons fall back to the reflected method of the other operand
class Num:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        o = other.v if isinstance(other, Num) else other
        return self.v < o
    def __gt__(self, other):
        o = other.v if isinstance(other, Num) else other
        return self.v > o
a, b = Num(1), Num(2)
print(a < b, a > b, b > a)
print(a < 5, 5 > a, 0 < a, 3 < b)
try:
    a <= b
except TypeError as e:
    print(type(e).__name__)
