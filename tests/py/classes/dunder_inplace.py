# in-place operators: __iadd__ etc., with fallback to the binary form
class Bag:
    def __init__(self, items=()):
        self.items = list(items)
    def __iadd__(self, other):
        self.items.extend(other)
        return self
    def __isub__(self, other):
        for o in other:
            self.items.remove(o)
        return self
    def __imul__(self, k):
        self.items = self.items * k
        return self
    def __repr__(self):
        return 'Bag(%r)' % (self.items,)
b = Bag([1])
alias = b
b += [2, 3]
b -= [1]
b *= 2
print(b, alias is b)
class Imm:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Imm(self.v + o)
    def __repr__(self):
        return 'Imm(%d)' % self.v
x = Imm(1)
y = x
x += 5
print(x, y, x is y)
class Bits:
    def __init__(self, v):
        self.v = v
    def __ior__(self, o):
        self.v |= o
        return self
    def __iand__(self, o):
        self.v &= o
        return self
    def __ixor__(self, o):
        self.v ^= o
        return self
    def __ilshift__(self, n):
        self.v <<= n
        return self
    def __irshift__(self, n):
        self.v >>= n
        return self
bits = Bits(1)
bits |= 6
bits <<= 4
bits &= 0x70
bits ^= 0x01
bits >>= 1
print(bits.v)
