# Per-instruction attribute caches: the cached thing changes after the first hits.

class A:
    def m(self):
        return "A.m"
    k = "class k"

def call_m(o):
    return o.m()          # one LoadMethod/CallMethod instruction for every object

def get_m(o):
    return o.m            # one LoadAttr instruction

def get_k(o):
    return o.k

a = A()
for i in range(3):
    print(call_m(a), get_k(a))
# An instance attribute now shadows the method at the same instruction.
a.m = lambda: "instance m"
for i in range(3):
    print(call_m(a))
del a.m
print(call_m(a))
# Shadow the class attribute, then delete it again.
a.k = "inst k"
print(get_k(a))
del a.k
print(get_k(a))
try:
    del a.k
except AttributeError:
    print("AttributeError del")

# Method replaced on the class after it was called through the instruction.
b = A()
print(call_m(b))
A.m = lambda self: "new A.m"
print(call_m(b), call_m(a))
# Class attribute rebound.
print(get_k(b))
A.k = "rebound"
print(get_k(b), get_k(a))
del A.k
try:
    get_k(b)
except AttributeError as e:
    print("AttributeError", e)

# __dict__-level edits.
c = A()
c.x = 1
def get_x(o):
    return o.x
print(get_x(c))
c.__dict__["x"] = 2
print(get_x(c))
c.__dict__["m"] = lambda: "dict m"
print(call_m(c))
del c.__dict__["m"]
print(call_m(c))
c.__dict__.clear()
try:
    get_x(c)
except AttributeError:
    print("x gone")
c.__dict__.update({"x": 5, "y": 6})
print(get_x(c), c.y)

# setattr/getattr builtins mixed with instructions.
setattr(c, "m", lambda: "setattr m")
print(call_m(c), getattr(c, "x"))
delattr(c, "m")
print(call_m(c))
setattr(c, "x", 9)
print(get_x(c))

# A method attribute found through LoadAttr, then shadowed.
d = A()
print(get_m(d)())
d.m = lambda: "shadow via LoadAttr"
print(get_m(d)())

# The method at one LoadMethod instruction becomes other kinds of callables.
import gc
class M:
    def f(self):
        return "plain"
class Callable:
    def __call__(self, *a):
        return "callable instance %d" % len(a)
def call_f(o):
    return o.f()
m = M()
print(call_f(m), call_f(m))
M.f = staticmethod(lambda: "static")
print(call_f(m))
M.f = classmethod(lambda cls: "classmethod " + cls.__name__)
print(call_f(m))
M.f = Callable()
print(call_f(m))
M.f = lambda self: "plain again"
print(call_f(m))
gc.collect()
print(call_f(m))
class M2(M):
    pass
m2 = M2()
print(call_f(m2), call_f(m))
M2.f = lambda self: "M2.f"
print(call_f(m2), call_f(m))
del M2.f
print(call_f(m2))
del M.f
try:
    call_f(m2)
except AttributeError as e:
    print("AttributeError", e)
# Built-in method names on user instances and instances of built-in subclasses.
class MyList(list):
    def total(self):
        return sum(self)
def app(o, v):
    o.append(v)
    return o.total()
ml = MyList()
print(app(ml, 1), app(ml, 2))
ml.total = lambda: "shadowed total"
print(app(ml, 3))
