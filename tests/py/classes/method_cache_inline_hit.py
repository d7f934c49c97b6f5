# Method-cache hits taken inline by the dispatch loop (`o.m()` on a local and on any
# expression): the cached function replaced by a non-function, a staticmethod, a
# classmethod; shadowed by the instance after caching; classes sharing a call site.


class A:
    def m(self, x=0):
        return ("A.m", x)


class B(A):
    pass


class C(A):
    def m(self, x=0):
        return ("C.m", x)


def call(o):
    return o.m(1)


def call_expr(objs, i):
    return objs[i].m(2)


objs = [A(), B(), C(), A(), B(), C()]
print([call(o) for o in objs])
print([call_expr(objs, i) for i in range(len(objs))])
a = A()
print(call(a), call(a))
a.m = lambda x: ("inst", x)
print(call(a), call(a))
del a.m
print(call(a))
A.m = staticmethod(lambda x: ("static", x))
print(call(a), call(B()), call(C()))
A.m = classmethod(lambda cls, x: ("classmethod", cls.__name__, x))
print(call(a), call(B()), call(C()))
A.m = 5
try:
    call(a)
except TypeError:
    print("TypeError")
print(call(C()))
del A.m
try:
    call(a)
except AttributeError as e:
    print("AttributeError")


def f(self, x):
    return ("f", x)


A.m = f
print(call(a), call(B()), call(C()), call_expr(objs, 0))
