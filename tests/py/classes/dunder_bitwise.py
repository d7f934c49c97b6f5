# bitwise operator overloading with reflected forms
class Flags:
    def __init__(self, v):
        self.v = v
    def _o(self, o):
        return o.v if isinstance(o, Flags) else o
    def __and__(self, o): return Flags(self.v & self._o(o))
    def __or__(self, o): return Flags(self.v | self._o(o))
    def __xor__(self, o): return Flags(self.v ^ self._o(o))
    def __lshift__(self, n): return Flags(self.v << n)
    def __rshift__(self, n): return Flags(self.v >> n)
    def __invert__(self): return Flags(~self.v & 0xFF)
    def __rand__(self, o): return Flags(o & self.v)
    def __ror__(self, o): return Flags(o | self.v)
    def __rxor__(self, o): return Flags(o ^ self.v)
    def __repr__(self): return 'Flags(%s)' % bin(self.v)
a, b = Flags(0b1100), Flags(0b1010)
print(a & b, a | b, a ^ b, a << 2, a >> 2, ~a)
print(0b0110 & a, 0b0001 | a, 0b1111 ^ a)
