# The truth of values tested by if/while/and/or/not and conditional expressions: the
# immediates (bools, None, small ints) take a short path; everything else the full one.
class Flag:
    def __init__(self, v):
        self.v = v
        self.asked = 0

    def __bool__(self):
        self.asked += 1
        return self.v


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


def show(x):
    return type(x).__name__ if isinstance(x, (Flag, Sized)) or type(x) is object else repr(x)


values = [True, False, None, 0, 1, -1, 2**40, -(2**40), 0.0, -0.0, 1.5, float("nan"),
          "", "x", b"", b"y", [], [0], (), (0,), {}, {0: 0}, set(), {0}, range(0), range(1),
          0j, 1j, Flag(True), Flag(False), Sized(0), Sized(3), object(), 1 << 30, -(1 << 30),
          (1 << 30) - 1, -(1 << 30) - 1]
for v in values:
    r = []
    if v:
        r.append("if")
    else:
        r.append("else")
    r.append("not" if not v else "yes")
    r.append(show(v and "and"))
    r.append(show(v or "or"))
    n = 0
    while v and n < 2:
        n += 1
    r.append(n)
    print(type(v).__name__, r)

f = Flag(True)
if f and f:
    pass
print("asked", f.asked)


class Bad:
    def __bool__(self):
        return 2


try:
    if Bad():
        pass
except TypeError:
    print("TypeError from __bool__")
try:
    print(Bad() or 1)
except TypeError as e:
    print("TypeError from __bool__ in or:", e)
try:
    print(not Bad())
except TypeError:
    print("TypeError from __bool__ in not")
print(bool(Flag(False)), bool(Sized(2)))
