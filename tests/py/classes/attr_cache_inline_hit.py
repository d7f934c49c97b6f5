# Attribute cache hits taken inline by the dispatch loop: a property or __setattr__ added to
# the class after the cache saw plain attributes, subclasses, objects without a dict yet.
class A:
    def __init__(self):
        self.x = 1
def rd(o):
    return o.x
def wr(o, v):
    o.x = v
a = A()
for i in range(3):
    wr(a, i); print(rd(a))
A.x = property(lambda self: "prop", lambda self, v: print("setter", v))
print(rd(a)); wr(a, 9); print(rd(a), a.__dict__)
del A.x
print(rd(a))
def sa(self, n, v):
    print("setattr", n, v)
    object.__setattr__(self, n, v)
A.__setattr__ = sa
wr(a, 5); print(rd(a))
class B(A):
    pass
b = B()
wr(b, 3); print(rd(b))
class C:
    pass
c = C()
c.x = "c"
c.__class__ = A if False else C
print(rd(c))
d = A.__new__(A)
try:
    print(rd(d))
except AttributeError as e:
    print("AE", e)
