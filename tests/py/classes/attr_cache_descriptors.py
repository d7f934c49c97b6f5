# Descriptors, __setattr__, __getattr__ and subclasses around the cached paths.

class Base:
    def m(self):
        return "Base.m"

class Sub(Base):
    pass

def get_v(o):
    return o.v

def set_v(o, val):
    o.v = val

def call_m(o):
    return o.m()

s = Sub()
set_v(s, 1)
print(get_v(s), call_m(s))
# Subclass overriding after instructions have seen the base method.
Sub.m = lambda self: "Sub.m"
print(call_m(s))
del Sub.m
print(call_m(s))

# A property added later on the class itself shadows the instance attribute.
class C:
    pass
c = C()
set_v(c, 5)
print(get_v(c))
C.v = property(lambda self: "prop", lambda self, val: print("setter", val))
print(get_v(c))
set_v(c, 6)
print(c.__dict__)

# A property added later on a base class.
class B2:
    pass
class D2(B2):
    pass
d = D2()
set_v(d, 7)
print(get_v(d))
B2.v = property(lambda self: "base prop")
print(get_v(d))

# __getattr__ fallback through the cached instruction.
class G:
    def __getattr__(self, name):
        print("getattr", name)
        if name == "v":
            return "from getattr"
        raise AttributeError(name)
g = G()
print(get_v(g))
g.v = "real"
print(get_v(g))
del g.v
print(get_v(g))
try:
    g.nope
except AttributeError as e:
    print("AttributeError", e)

# __setattr__ defined later on the class.
class H:
    pass
h = H()
set_v(h, 1)
def hset(self, name, value):
    print("hset", name, value)
    object.__setattr__(self, name, value * 2)
H.__setattr__ = hset
set_v(h, 3)
print(get_v(h))

# classmethod / staticmethod through LoadMethod, and instance shadowing them.
class K:
    @classmethod
    def cm(cls):
        return "cm " + cls.__name__
    @staticmethod
    def sm():
        return "sm"
def call_cm(o):
    return o.cm()
def call_sm(o):
    return o.sm()
k = K()
print(call_cm(k), call_sm(k))
k.cm = lambda: "inst cm"
k.sm = lambda: "inst sm"
print(call_cm(k), call_sm(k))

# Class attribute read through instances with and without a dict.
class L:
    n = 0
def get_n(o):
    return o.n
l1, l2 = L(), L()
l2.other = 1
print(get_n(l1), get_n(l2))
L.n = 5
print(get_n(l1), get_n(l2))
l2.n = "own"
print(get_n(l1), get_n(l2))

# __class__ and __dict__ through the same instructions.
def get_cls(o):
    return o.__class__.__name__
print(get_cls(l1), get_cls(l2), get_cls(5))
