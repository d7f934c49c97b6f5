log = []
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        log.append(("prepare", name, sorted(kw)))
        return {"injected": 1}
    def __new__(mcs, name, bases, ns, **kw):
        log.append(("new", name, sorted(k for k in ns if not k.startswith("__"))))
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class A(metaclass=Meta, flag=True):
    x = 1
    def f(self):
        return self.x
print(log, A.injected, A().f())

class Base:
    subs = []
    def __init_subclass__(cls, **kw):
        cls.tag = kw.get("tag", "?")
        Base.subs.append(cls.__name__)
class S1(Base, tag="one"):
    pass
class S2(S1):
    pass
print(Base.subs, S1.tag, S2.tag)

class Desc:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, typ=None):
        return "desc:" + self.name
class H:
    attr = Desc()
print(H().attr, H.__qualname__)

class Outer:
    class Inner:
        def m(self):
            return type(self).__qualname__
    def make(self):
        class Local:
            pass
        return Local.__qualname__
print(Outer.Inner().m(), Outer().make(), Outer.Inner.m.__qualname__)

class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val * 2
p = P()
p.v = 21
print(p.v)

class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
    def __repr__(self):
        return f"Counter({self.id})"
    def __eq__(self, o):
        return isinstance(o, Counter) and o.id == self.id
    __hash__ = None
print([Counter() for _ in range(3)], Counter.count)

class Multi(P, Counter):
    def __init__(self):
        super().__init__()
        Counter.__init__(self)
print(Multi().id, [c.__name__ for c in Multi.__mro__])

def deco(cls):
    cls.decorated = True
    return cls
@deco
class D:
    def method(self, *args, key=None, **kw):
        return args, key, kw
print(D.decorated, D().method(1, 2, key=3, z=4))

class Chain:
    def __init__(self, v):
        self.v = v
    def add(self, n):
        return Chain(self.v + n)
print(Chain(1).add(2).add(3).v)

class WithClassVar:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    total = sum(items)
    names = {n: len(n) for n in ("a", "bb")}
print(WithClassVar.doubled, WithClassVar.total, WithClassVar.names)

def factory(n):
    class F:
        val = n
        def get(self):
            return n, self.val
    return F
print(factory(5)().get())

class Sup:
    def hello(self, x):
        return "sup" + str(x)
class Sub(Sup):
    def hello(self, x):
        inner = lambda: super(Sub, self).hello(x)
        return [super(Sub, self).hello(i) for i in range(2)] if x else inner()
print(Sub().hello(0), Sub().hello(1))

class Slots:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a, self.b = 1, 2
s = Slots()
print(s.a + s.b)
try:
    s.c = 3
except AttributeError:
    print("no slot")

class CM2:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True
with CM2() as c:
    raise ValueError
print("after suppressed")

class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Num(self.v + o.v)
    def __iadd__(self, o):
        self.v += o.v * 10
        return self
    def __lt__(self, o):
        return self.v < o.v
n = Num(1)
m = n
n += Num(2)
print(n.v, m is n, (Num(1) + Num(2)).v, Num(1) < Num(2) < Num(3))
print(type(A).__name__, A.__name__, A.__module__, A.__doc__, D.__doc__)
class Documented:
    "the doc"
print(Documented.__doc__)
