x = "global"
def outer():
    x = "outer"
    def inner():
        nonlocal x
        x = "changed"
        return x
    inner()
    return x
print(outer(), x)

def g():
    global x
    x = "set by g"
g()
print(x)

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())

def make():
    fs = []
    for i in range(3):
        fs.append(lambda i=i: i)
    return [f() for f in fs]
print(make())

def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late())

class K:
    v = 10
    lst = [v for _ in range(2)] if False else None
    def m(self):
        return v if False else self.v
print(K().m())

def cls_in_func():
    y = 5
    class C:
        y = 7
        z = y
        def m(self):
            return y
    return C.z, C().m()
print(cls_in_func())

def classderef():
    a = 1
    class C:
        print("class sees", a)
        b = a + 1
    return C.b
print(classderef())

def walrus():
    total = [(y := i * 2) for i in range(4)]
    return total, y
print(walrus())
print([(z := k) for k in "ab"], z)

def deleted():
    q = 1
    del q
    try:
        print(q)
    except UnboundLocalError as e:
        print("unbound")
deleted()

def shadow(n):
    def rec(k):
        return 1 if k <= 1 else k * rec(k - 1)
    return rec(n)
print(shadow(6))

class Base:
    def hello(self):
        return "base"
class Derived(Base):
    def hello(self):
        return "derived+" + super().hello()
    def cls(self):
        return __class__.__name__
    @classmethod
    def cm(cls):
        return cls.__name__
    @staticmethod
    def sm(a, b):
        return a + b
    @property
    def p(self):
        return 42
d = Derived()
print(d.hello(), d.cls(), Derived.cm(), d.sm(1, 2), d.p)

def deco(tag):
    def wrap(f):
        def inner(*a, **k):
            return tag + str(f(*a, **k))
        return inner
    return wrap
@deco("<")
@deco(">")
def val(x, y=2):
    return x * y
print(val(3), val(3, y=4))

def kwonly(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(kwonly(1, c=3), kwonly(1, 2, 3, 4, c=5, e=6))
def posonly(a, b=5, /, c=6):
    return a, b, c
print(posonly(1), posonly(1, 2, c=3))
print((lambda *a, **k: (a, k))(1, 2, x=3))

def star_calls(*a, **k):
    return a, sorted(k.items())
args = [1, 2]
kw = {"x": 1}
print(star_calls(*args, 3, *args, k=1, **kw))
print(star_calls(**kw, y=2))
o = [3, 1, 2]
o.sort(reverse=True)
print(o, "-".join(map(str, o)))

class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        ns["tag"] = kw.get("tag", "none")
        return super().__new__(m, name, bases, ns)
class WithMeta(metaclass=Meta, tag="hi"):
    pass
print(WithMeta.tag, WithMeta.__qualname__, WithMeta.__module__)

def nested_comp():
    return [[i * j for j in range(3)] for i in range(3)]
print(nested_comp())
print({x % 3 for x in range(10)}, sorted({k: v for k, v in [(1, 2), (3, 4)]}.items()))
print(list(x for x in range(5) if x > 1), sum(x * x for x in range(4)))

def gen_scope():
    base = 10
    return list(base + i for i in range(3))
print(gen_scope())
