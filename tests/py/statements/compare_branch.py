# Comparisons followed by a conditional jump (the VM branches on small ints and floats
# without building the bool): every operator, both jump senses, NaN, ints next to floats,
# big ints, subclasses with their own comparison, chains, and errors inside the compare.
import sys

nan = float("nan")
inf = float("inf")
vals = [0, 1, -1, 2, 1073741823, -1073741824, 1073741824, 2**40, -(2**70), 0.0, -0.0, 0.5, 1.0, -2.5, nan, inf, -inf, True, False]

def table(a, b):
    out = []
    if a < b: out.append("lt")
    if a <= b: out.append("le")
    if a == b: out.append("eq")
    if a != b: out.append("ne")
    if a > b: out.append("gt")
    if a >= b: out.append("ge")
    if not a < b: out.append("!lt")
    if not a <= b: out.append("!le")
    if not a == b: out.append("!eq")
    if not a != b: out.append("!ne")
    if not a > b: out.append("!gt")
    if not a >= b: out.append("!ge")
    return out

for a in vals:
    for b in vals:
        print(repr(a), repr(b), table(a, b), a < b, a == b, a >= b)

# `or` / `and` around comparisons (JumpIfTrueOrPop and friends, not PopJumpIf).
for a in (0, 3, 7, 2.5, nan):
    print(a, a < 1 or a > 5, a > 1 and a < 5, not (a < 1 or a > 5))

# Chained comparisons.
for x in (-1, 0, 3, 9, 10, 2.0, nan):
    if 0 <= x < 10:
        print(x, "in range")
    else:
        print(x, "out of range")
    print(0 < x <= 3 < 5, 1 < 2 < x)

# While loops with an int and a float counter.
i = 0
n = 0
while i < 100:
    i += 7
    n += 1
print(i, n)
f = 0.0
while f < 1.0:
    f += 0.125
print(f)
j = 10
while not j <= 0:
    j -= 3
print(j)

# Identity on small ints, and `in`.
a = 5
b = 5
if a is b:
    print("is")
if a is not b + 1:
    print("is not")
if 3 in [1, 2, 3]:
    print("in")
if 4 not in (1, 2, 3):
    print("not in")

# Subclasses keep their own comparisons.
class F(float):
    def __lt__(self, o):
        print("F.__lt__")
        return True
class I(int):
    def __gt__(self, o):
        print("I.__gt__")
        return False
if F(5.0) < 1.0:
    print("F says less")
if I(5) > 1:
    print("wrong")
else:
    print("I says not greater")

# A comparison returning a non-bool, and one whose truth value raises.
class R:
    def __lt__(self, o):
        return [1]
    def __eq__(self, o):
        return []
if R() < 1:
    print("truthy list")
if R() == 1:
    print("wrong")
else:
    print("falsy list")
class Bad:
    def __bool__(self):
        raise ValueError("no truth")
class C:
    def __lt__(self, o):
        return Bad()
try:
    if C() < 1:
        print("wrong")
except ValueError as e:
    print("ValueError", e)

# Type errors raised by the comparison (lines: see sim_contract's traceback tests).
def cmp_err(a, b):
    if a < b:
        return 1
    return 0
for a, b in ((1, "x"), (1.5, None), ("a", 2.0)):
    try:
        cmp_err(a, b)
    except TypeError as e:
        print("TypeError")

# Results used as values, not jumped on.
r = [1 < 2, 2.0 < 1, nan == nan, nan != nan, 3 == 3.0, (1 < 2) + (3 > 2)]
print(r)
