# Module attribute reads (`m.name`, `m.f(...)`) go through a per-instruction cache:
# every change to the module after the first read must be seen.
import math
import _mod_counter as mc


def root(x):
    return math.sqrt(x)


def pi():
    return math.pi


def bump():
    return mc.bump()


def count():
    return mc.count


for _ in range(3):
    print(root(16.0), pi(), bump(), count())

# Rebinding a module attribute (monkey-patching) is seen by calls and reads.
saved = math.sqrt
math.sqrt = lambda x: "patched %r" % x
print(root(9.0))
math.sqrt = saved
print(root(9.0))
math.pi = 3
print(pi())
del math.pi
try:
    pi()
except AttributeError:
    print("AttributeError after del")
math.pi = 3.5
print(pi())

# A user module: attributes deleted, re-added (new dict position), many added (the
# dict grows and is rehashed), and the function object replaced.
del mc.count
try:
    count()
except AttributeError:
    print("no count")
for i in range(40):
    setattr(mc, "extra%d" % i, i)
mc.count = 100
print(count(), bump(), count())
mc.bump = lambda: "new bump"
print(bump())

# Module dunders come first from the module object (not cached from its dict).
def name(m):
    return m.__name__


print(name(math), name(mc), name(math))
mc.__dict__["tag"] = "via __dict__"
def tag():
    return mc.tag


print(tag())
mc.__dict__["tag"] = "changed"
print(tag())


# One site seeing several modules.
def seen(m):
    return m.__name__, getattr(m, "pi", None)


for m in (math, mc, math):
    print(seen(m))


def attr(m):
    return m.pi


for m in (math, mc):
    try:
        print(attr(m))
    except AttributeError:
        print("no pi in", m.__name__)
