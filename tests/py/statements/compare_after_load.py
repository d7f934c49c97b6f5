# Comparisons whose right operand is loaded right before them (a local, a small int, None,
# a constant, a global): every kind of operand pair, with and without a conditional jump
# after, jumps onto the comparison, loops (backward jumps), errors and user-defined
# comparisons (the load/compare pairs a VM may fuse).

LIMIT = 3
FLOAT = 2.5
NONE_G = None


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("K.__lt__", self.v, other.v if isinstance(other, K) else other)
        return self.v < (other.v if isinstance(other, K) else other)

    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v

    __hash__ = None


def cmp_local(a, b):
    r = [a < b, a <= b, a == b, a != b, a > b, a >= b, a is b, a is not b]
    if a < b:
        r.append("lt")
    if not a == b:
        r.append("ne")
    return r


def cmp_consts(a):
    return [a < 3, a == 1000000, a > 2.5, a == "s", a is None, a is not None, a < LIMIT,
            a == FLOAT, a is NONE_G, a > -7]


for a, b in ((1, 2), (2, 2), (3, 1), (1.5, 2), (2, 1.5), (2.0, 2), ("a", "b"), (None, None),
             ((1, 2), (1, 3)), (2 ** 70, 3), (True, 1), (K(1), K(2)), (K(3), 2)):
    try:
        print(cmp_local(a, b))
    except TypeError:
        print("TypeError", type(a).__name__, type(b).__name__)
for a in (1, 3, 2.5, 1000000, "s", None, 2 ** 65, -8, K(1)):
    try:
        print(cmp_consts(a))
    except TypeError as e:
        print("TypeError")

try:
    cmp_local(1, "x")
except TypeError:
    print("TypeError lt")


def loop(n):
    i = 0
    total = 0
    while i < n:
        total += i
        i += 1
    j = n
    while j is not None and j > 0:
        j -= 1
    k = 0
    while k < LIMIT:
        k += 1
    return total, j, k


print(loop(10), loop(0))


def jump_onto_compare(a, b, c):
    # `(a or b) < c`: the jump lands on the LoadFast of c, and `x if a else y < c`.
    return (a or b) < c, (a and b) == c, (c if a else b) > 1


print(jump_onto_compare(0, 5, 3), jump_onto_compare(2, 0, 2), jump_onto_compare(1, 1, 1))


def unbound_cmp(flag):
    if flag:
        b = 1
    return 0 < b


try:
    unbound_cmp(False)
except UnboundLocalError:
    print("UnboundLocalError")


def missing_global(a):
    return a == NOT_DEFINED_ANYWHERE


try:
    missing_global(1)
except NameError:
    print("NameError")


def in_try(a, b):
    try:
        return a < b
    except TypeError:
        return "caught"
    finally:
        print("finally", a == b)


print(in_try(1, 2), in_try(1, "x"))


def chained(a, b, c):
    return a < b < c, a == b == c, 0 <= a < 10


print(chained(1, 2, 3), chained(3, 2, 1), chained(2, 2, 2))


def gen(n):
    i = 0
    while i < n:
        yield i is None, i == 1
        i += 1


print(list(gen(3)))
LIMIT = 1
print(loop(5))
