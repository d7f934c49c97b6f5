# Binary operators and subscripts with a small int literal operand (the compiler fuses
# `LoadSmallInt; BinaryOp` and `LoadSmallInt; BinarySubscr`): results that leave the small-int
# range, floats, every operator, in-place forms on mutable and user objects, literal edges
# (-128..127 are fused, others not), errors, and user __getitem__/__add__/__radd__/__iadd__.

big = 2**30 - 1
for x in (0, 1, -1, 7, -7, big, -big - 1, 2**40, -(2**64), 2.5, -0.0, float("inf")):
    print(repr(x), x + 1, x - 1, x * 2, x * -128, x + 127, x - 128, x + 128, x * 1000)
    print(x / 2, x // 3, x % 3, x // -3, x % -3, x ** 2)
    if isinstance(x, int):
        print(x << 3, x >> 1, x & 12, x | 5, x ^ 127, x << 40, -x >> 2)

for x in (5, -5, 0):
    for name, f in (("//", lambda v: v // 0), ("%", lambda v: v % 0), ("/", lambda v: v / 0)):
        try:
            print(f(x))
        except ZeroDivisionError as e:
            print(name, "ZeroDivisionError")
try:
    print(1.5 // 0)
except ZeroDivisionError:
    print("float // ZeroDivisionError")

i = 0
while i < 1000:
    i += 7
print(i)
i = big
i += 1
print(i, type(i).__name__)
i -= 1
i *= 3
print(i)
i = -1
i >>= 1
print(i)
i = 9
i %= 4
i //= 2
i **= 5
i <<= 2
i |= 3
i &= 126
i ^= 1
print(i)

s = "ab"
print(s * 3, s * 0, s * -1)
l = [1, 2]
l2 = l
l *= 2
print(l, l is l2)
l += [3]
t = (1,)
t *= 3
print(t, l)
try:
    s + 1
except TypeError:
    print("TypeError str + int")
try:
    l -= 1
except TypeError:
    print("TypeError list -= int")
try:
    None * 2
except TypeError:
    print("TypeError None * int")

class N:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return N(self.v + o * 10)
    def __radd__(self, o):
        return N(o * 100 + self.v)
    def __iadd__(self, o):
        self.v -= o
        return self
    def __getitem__(self, k):
        return ("item", k)
    def __repr__(self):
        return "N(%r)" % self.v

n = N(1)
print(n + 2, 3 + n)
m = n
n += 4
print(n, m is n)
print(n[0], n[-1], n[300], n[-32768], n[40000])

class I(int):
    def __add__(self, o):
        return "I.__add__"
    def __getitem__(self, k):
        return k
print(I(5) + 1, I(5) - 1)

# Subscripts: lists (fast path), negative indices, tuples, strings, dicts, ranges, bytes.
lst = [10, 20, 30]
print(lst[0], lst[2], lst[-1], lst[-3])
try:
    lst[3]
except IndexError as e:
    print("IndexError", e)
try:
    lst[-4]
except IndexError as e:
    print("IndexError", e)
print((1, 2, 3)[1], "hey"[0], "hey"[-1], {1: "one", -1: "neg"}[1], {1: "one", -1: "neg"}[-1])
print(range(10)[3], b"xyz"[1], bytearray(b"ab")[0])
try:
    {}[0]
except KeyError as e:
    print("KeyError", e)
try:
    five = 5
    five[0]
except TypeError:
    print("TypeError int subscript")
grid = [[1, 2], [3, 4]]
grid[1][0] += 10
grid[0][1] -= 1
print(grid)
def f(a):
    return a[0] + a[1] * 2 - a[-1]
print(f([1, 2, 3]), f((4.5, 1.0, 0.5)))
