# Call sites that see a different callable after their first calls: methods replaced on
# the class or shadowed on the instance, native methods rebound, functions redefined,
# bound methods stored and called later, classes whose __init__ changes.

class A:
    def m(self, x):
        return ("A.m", x)

a = A()
out = []
for i in range(4):
    if i == 2:
        A.m = lambda self, x: ("lambda", x)
    out.append(a.m(i))
print(out)

out = []
for i in range(4):
    if i == 2:
        a.m = lambda x: ("instance", x)
    out.append(a.m(i))
print(out)
del a.m
print(a.m(9))

class B(A):
    pass

b = B()
print(b.m(1))
B.m = lambda self, x: ("B", x)
print(b.m(2), a.m(3))

# Native methods rebound or shadowed.
class L(list):
    pass

l = L()
for i in range(3):
    if i == 1:
        L.append = lambda self, x: list.append(self, x * 10)
    l.append(i)
print(l)
app = [].append
try:
    app(1, 2)
except TypeError:
    print("TypeError")
try:
    list.append(5, 1)
except TypeError:
    print("TypeError")
s = "abc"
up = s.upper
print(up(), str.upper("x"))

# Functions redefined between calls of the same call site.
def g(x):
    return x + 1

def call_g(n):
    return [g(i) for i in range(n)]

print(call_g(3))

def g(x, y=100):
    return x + y

print(call_g(3))

# Bound methods called later, with and without arguments.
class C:
    def __init__(self, v):
        self.v = v
    def get(self, k=1):
        return self.v * k

bound = [C(i).get for i in range(3)]
print([f() for f in bound], [f(2) for f in bound], [f(k=3) for f in bound])

# __init__ replaced after instances were made at the same call site.
def make(n):
    return [C(i).v for i in range(n)]

print(make(3))
C.__init__ = lambda self, v: setattr(self, "v", -v)
print(make(3))

class R:
    def __init__(self):
        return None

print(type(R()).__name__)

class Bad:
    def __init__(self):
        return 1

try:
    Bad()
except TypeError:
    print("TypeError")

# Wrong argument counts on Python functions and methods at plain call sites.
def two(a, b):
    return a + b

for args in [(), (1,), (1, 2), (1, 2, 3)]:
    try:
        print(two(*args))
    except TypeError:
        print("TypeError", len(args))
try:
    C(1).get(1, 2)
except TypeError:
    print("TypeError")
try:
    two(1)
except TypeError:
    print("TypeError")
