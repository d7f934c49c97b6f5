# Class attribute lookups must see every change to a class or its bases: new, replaced
# and deleted attributes, shadowing in a subclass, changes through setattr and through
# the class namespace, and methods looked up in a loop while they change.


class Base:
    def f(self):
        return "Base.f"

    kind = "base"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


x = Leaf()
print(x.f(), x.kind, Leaf.kind)

# Shadow in a class between the instance's class and the defining base.
Mid.f = lambda self: "Mid.f"
print(x.f())
Mid.kind = "mid"
print(x.kind, Leaf.kind)

# Replace at the base: the shadowing one still wins.
Base.f = lambda self: "Base.f2"
print(x.f())

# Remove the shadow: the base's new value shows through.
del Mid.f
print(x.f())
del Mid.kind
print(x.kind)

# setattr / delattr on classes.
setattr(Leaf, "f", lambda self: "Leaf.f")
print(x.f())
delattr(Leaf, "f")
print(x.f())

# Missing attributes appear later.
print(hasattr(x, "late"))
Base.late = 1
print(hasattr(x, "late"), x.late)
del Base.late
print(hasattr(x, "late"))

# Instance attributes shadow class ones and go away again.
x.f = lambda: "instance"
print(x.f())
del x.f
print(x.f())

# Lookups in a loop while the class changes.
out = []
for i in range(6):
    out.append(x.f())
    if i == 1:
        Leaf.f = lambda self: "loop"
    if i == 3:
        del Leaf.f
print(out)

# A changed __init__ is used by the next instantiation.
class P:
    def __init__(self):
        self.v = 1


print(P().v)
P.__init__ = lambda self: setattr(self, "v", 2)
print(P().v)

# Dunder methods added after creation are found by operators.
class N:
    pass


try:
    N() + 1
except TypeError:
    print("no __add__")
N.__add__ = lambda self, o: "added"
print(N() + 1)
del N.__add__
try:
    N() + 1
except TypeError:
    print("no __add__ again")

# Many classes and names (more than the cache holds) stay correct.
classes = [type("C%d" % i, (Base,), {"n": i}) for i in range(300)]
print(sum(c().n for c in classes), sum(c.n for c in classes))
for c in classes[::7]:
    c.n = -1
print(sum(c().n for c in classes))
