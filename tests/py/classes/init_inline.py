# Instantiation of user classes: __init__ runs in the interpreter's own loop.
import sys

class P:
    def __init__(self, x, y=2, *rest, **kw):
        self.x = x
        self.y = y
        self.rest = rest
        self.kw = kw

p = P(1)
print(p.x, p.y, p.rest, p.kw)
p = P(1, 3, 4, 5, z=6)
print(p.x, p.y, p.rest, p.kw)
print(P(x=9).x)

class R:
    def __init__(self):
        return 5

try:
    R()
except TypeError as e:
    print("TypeError", e)

class RN:
    def __init__(self):
        return None
print(type(RN()).__name__)

class Gen:
    def __init__(self):
        yield 1
try:
    Gen()
except TypeError as e:
    print("TypeError", e)

# Exceptions inside __init__, caught outside and inside.
class Bad:
    def __init__(self, n):
        self.n = n
        if n > 2:
            raise ValueError("too big %d" % n)

def make(n):
    return Bad(n)

for n in range(5):
    try:
        print(make(n).n)
    except ValueError as e:
        print("ValueError", e)

# super().__init__ chains.
class A:
    def __init__(self, a):
        print("A.__init__", a)
        self.a = a
class B(A):
    def __init__(self, a, b):
        super().__init__(a)
        print("B.__init__", b)
        self.b = b
class C(B):
    def __init__(self):
        B.__init__(self, 1, 2)
        self.c = 3
c = C()
print(c.a, c.b, c.c)

# __new__ in the class or a base.
class N:
    def __new__(cls, *args):
        print("N.__new__", cls.__name__, args)
        return super().__new__(cls)
    def __init__(self, v):
        print("N.__init__", v)
        self.v = v
class N2(N):
    pass
print(N(1).v, N2(2).v)

class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())

# No __init__, __init__ inherited, class with built-in base.
class E:
    pass
print(type(E()).__name__)
try:
    E(1)
except TypeError as e:
    print("TypeError", e)
class F(E):
    def __init__(self, q):
        self.q = q
class G(F):
    pass
print(G(7).q)
class L(list):
    def __init__(self, n):
        super().__init__(range(n))
print(L(3), len(L(4)))
class X(Exception):
    def __init__(self, m):
        super().__init__("X: " + m)
print(repr(X("boom")))

# Instance made through a method call instruction (module attribute) and stored.
class Holder:
    Inner = P
h = Holder()
print(h.Inner(5).x, Holder.Inner(6, 7).y)
import gc
objs = [P(i) for i in range(100)]
gc.collect()
print(sum(o.x for o in objs))

# Recursion through __init__.
class Node:
    def __init__(self, depth):
        self.child = Node(depth - 1) if depth else None
def depth(n):
    d = 0
    while n:
        d += 1
        n = n.child
    return d
print(depth(Node(300)))

# __init__ replaced after instances were made through the same instruction.
class Re:
    def __init__(self):
        self.v = "first"
def mk():
    return Re()
print(mk().v)
Re.__init__ = lambda self: setattr(self, "v", "second")
print(mk().v)
del Re.__init__
print(hasattr(mk(), "v"))
