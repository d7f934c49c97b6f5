# Instances of different classes (and dicts with different layouts) through the same
# instructions, many attributes (dicts large enough to get a hash index), deletions.

class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return self.x * self.x + self.y * self.y

class Q:
    def __init__(self, y, x):
        self.y = y      # other insertion order: other entry indexes
        self.x = x
    def norm(self):
        return -1

class R(P):
    def norm(self):
        return 100 + P.norm(self)

def show(o):
    return o.x, o.y, o.norm()

objs = [P(1, 2), Q(3, 4), R(5, 6), P(7, 8)]
for _ in range(3):
    print([show(o) for o in objs])

def setx(o, v):
    o.x = v

for i, o in enumerate(objs):
    setx(o, i * 10)
print([show(o) for o in objs])

# Many attributes: more than the small-dict linear-scan size.
class Big:
    pass

b = Big()
for i in range(40):
    setattr(b, "a%d" % i, i)
def get_a5(o):
    return o.a5
def get_a30(o):
    return o.a30
print(get_a5(b), get_a30(b))
for i in range(0, 40, 2):
    delattr(b, "a%d" % i)
try:
    get_a30(b)
except AttributeError:
    print("a30 gone")
print(get_a5(b))
b.a30 = "back"
print(get_a30(b), sorted(vars(b))[:5])
# Deleting and re-adding keys moves entries (resize drops deleted ones).
class S:
    pass
s = S()
def sets(o, v):
    o.v = v
def gets(o):
    return o.v
for i in range(30):
    s.__dict__["t%d" % i] = i
    sets(s, i)
    if i % 3 == 0:
        del s.v
        sets(s, -i)
    print(gets(s), end=" ")
print()

# Attribute stored through one instruction, read by another on other objects.
class T:
    pass
ts = [T() for _ in range(5)]
for i, t in enumerate(ts):
    for j in range(i):
        setattr(t, "f%d" % j, j)
    t.z = i
print([t.z for t in ts])

# Numeric and heap-str keys in an instance dict.
u = T()
u.__dict__[1] = "one"
name = "".join(["na", "me"])
u.__dict__[name] = "heap str key"
print(u.name)
u.name = "updated"
print(u.name, u.__dict__[name])

# One call site, several classes (a polymorphic LoadMethod), methods rebound meanwhile.
class T1:
    def fn(self):
        return 1
class T2(T1):
    def fn(self):
        return 2
class T3(T1):
    pass
class T4:
    def fn(self):
        return 4
def run_all(ts):
    return [t.fn() for t in ts]
ts = [T1(), T2(), T3(), T4(), T2(), T3()]
print(run_all(ts))
T1.fn = lambda self: 10
print(run_all(ts))
T3.fn = lambda self: 30
print(run_all(ts))
del T2.fn
print(run_all(ts))
ts[0].fn = lambda: "own"
print(run_all(ts))

# Instance dicts sized from earlier instances of the class: later instances with fewer,
# more, or other attributes.
class Rec:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "f%d" % i, i)
        self.last = n
recs = [Rec(n) for n in (6, 2, 20, 0, 9)]
print([r.last for r in recs], [len(vars(r)) for r in recs])
r = Rec(3)
r.extra = 1
del r.f0
print(sorted(vars(r).items()))
