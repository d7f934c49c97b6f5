# Attribute loads, method loads and attribute stores on a local (fused into one instruction
# each: `LoadFast; LoadAttr/LoadMethod/StoreAttr`), and the corners of the attribute caches.


class P:
    cls_attr = "class"

    def __init__(self, x):
        self.x = x
        self.y = x * 2

    def m(self):
        return "P.m"

    def get(self):
        return self.x + self.y


def read(o):
    return o.x, o.y


def unbound_load(flag):
    if flag:
        o = P(1)
    return o.x


def unbound_method(flag):
    if flag:
        o = P(1)
    return o.m()


def unbound_store(flag):
    if flag:
        o = P(1)
    o.x = 5


for f in (unbound_load, unbound_method, unbound_store):
    try:
        f(False)
    except UnboundLocalError as e:
        print(f.__name__, "UnboundLocalError")
    print(f.__name__, f(True))

p = P(3)
print(read(p), p.get())


def missing(o):
    return o.nope


def missing_method(o):
    return o.nope()


try:
    missing(p)
except AttributeError as e:
    print("AttributeError", e)
try:
    missing_method(p)
except AttributeError as e:
    print("AttributeError", e)
try:
    missing(5)
except AttributeError as e:
    print("AttributeError", e)


def store_int(o):
    o.attr = 1


try:
    store_int(5)
except AttributeError as e:
    print("AttributeError store")


# Class attribute, then an instance attribute shadowing it (after the cache saw the class one).
def cls_attr(o):
    return o.cls_attr


q = P(1)
print([cls_attr(q) for _ in range(3)])
q.cls_attr = "inst"
print([cls_attr(q) for _ in range(3)])
del q.cls_attr
print(cls_attr(q))
P.cls_attr = "rebound"
print(cls_attr(q), cls_attr(P(2)))
P.cls_attr = "class"


# Method, then an instance attribute shadowing it, then deleted; class method rebound.
def call_m(o):
    return o.m()


r = P(1)
print([call_m(r) for _ in range(3)])
r.m = lambda: "inst lambda"
print([call_m(r) for _ in range(3)])
del r.m
print(call_m(r))
old = P.m
P.m = lambda self: "rebound m"
print(call_m(r), call_m(P(0)))
P.m = old
print(call_m(r))


# Instance dicts with different layouts through the same instruction.
class Q:
    pass


a = Q()
a.x = 1
a.y = 2
b = Q()
b.y = 20
b.x = 10
c = Q()
c.x = 100
for o in (a, b, c, a, b, c):
    print(read(o) if hasattr(o, "y") else o.x)


# Stores through the same instruction into different dicts, then reads.
def set_xy(o, v):
    o.x = v
    o.y = v + 1
    return o


objs = [set_xy(Q(), i) for i in range(5)]
print([read(o) for o in objs])


# Property (getter and setter), __getattr__, a class with __setattr__.

class R:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, val):
        self._v = val

    def __getattr__(self, name):
        return "getattr:" + name


def props(o):
    o.v = 7
    return o.v, o.anything, o._v


print(props(R()))
print(props(R()))


class S:
    def __setattr__(self, name, v):
        object.__setattr__(self, name, ("set", v))


def set_s(o):
    o.a = 1
    return o.a


print(set_s(S()), set_s(S()))


# A property added to the class after the cache saw a plain attribute.
class T:
    def __init__(self):
        self.w = "plain"


def read_w(o):
    return o.w


t = T()
print(read_w(t), read_w(t))
T.w = property(lambda self: "prop")
print(read_w(t), read_w(t))


# Subclass overriding a method and an attribute.
class U(P):
    cls_attr = "U"

    def m(self):
        return "U.m"


for o in (P(1), U(2), P(3), U(4)):
    print(call_m(o), cls_attr(o), o.get())


# Locals that are classes, modules, builtins.
def various():
    import math
    lst = []
    lst.append(1)
    lst.append(2)
    d = {"k": 1}
    s = "abc"
    cls = P
    return math.pi > 3, lst, d.get("k"), s.upper(), cls.cls_attr, cls.m(P(0)), cls.__name__


print(various())


class V:
    @classmethod
    def cm(cls):
        return cls.__name__

    @staticmethod
    def sm(x):
        return x * 2


def cm_sm(o):
    return o.cm(), o.sm(4), o.__class__.__name__


print(cm_sm(V()), cm_sm(V))
