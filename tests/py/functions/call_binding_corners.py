# Argument binding corners: keywords with defaults, keyword-only parameters, *args and
# **kwargs, positional-only, methods and bound methods with keywords, and the TypeErrors.

def f(a, b=2, c=3):
    return (a, b, c)

print(f(1), f(1, c=30), f(1, b=20), f(a=5), f(c=9, a=8), f(1, 2, c=7))

def kwonly(a, *, k, m=10):
    return (a, k, m)

print(kwonly(1, k=2), kwonly(1, m=3, k=4))

def star(a, *args, k=0, **kw):
    return (a, args, k, sorted(kw.items()))

print(star(1), star(1, 2, 3), star(1, 2, k=5, z=6, y=7), star(a=1, q=2))

def posonly(a, b, /, c):
    return (a, b, c)

print(posonly(1, 2, 3), posonly(1, 2, c=3))

def many(a, b, c, d, e, f, g, h, i, j, k=11, l=12, m=13, n=14, o=15, p=16, q=17, r=18):
    return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r

print(many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, r=100, q=1, p=1, o=1, n=1, m=1, l=1, k=1))
print(many(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10))

def bigframe(x, y=1, **kw):
    a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = a16 = a17 = x
    return (a1 + a17 + y, sorted(kw))

print(bigframe(1, y=2, z=3), bigframe(x=4))

class C:
    def m(self, a, b=5, *, c=6):
        return (a, b, c)

o = C()
print(o.m(1), o.m(1, c=2), o.m(a=3, b=4))
bm = o.m
print(bm(7, b=8), bm(a=9))
print(C.m(o, 1, c=0))

def closure_kw():
    z = 100
    def g(a, b=1):
        return a + b + z
    return g(1, b=2), g(a=5)

print(closure_kw())

def gen_kw(n, step=1):
    for i in range(0, n, step):
        yield i

print(list(gen_kw(10, step=3)), list(gen_kw(n=4)))

def errors(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except TypeError as e:
        print("TypeError")

errors(f)
errors(f, 1, 2, 3, 4)
errors(f, 1, a=2)
errors(f, 1, d=4)
errors(kwonly, 1)
errors(kwonly, 1, 2, k=3)
errors(posonly, 1, b=2, c=3)
errors(o.m, 1, d=2)
errors(star)

# The same errors from direct call sites (not through f(*args, **kw)).
try:
    f(1, x=2)
except TypeError as e:
    print("TypeError")
try:
    f(1, 2, b=3)
except TypeError as e:
    print("TypeError")
try:
    kwonly(1, m=2)
except TypeError as e:
    print("TypeError")
try:
    o.m(b=1)
except TypeError as e:
    print("TypeError")

# Keyword arguments to built-in functions and methods.
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a"], key=len))
print("a-b".split(sep="-"), int("ff", base=16))
l = [3, 1, 2]
l.sort(key=lambda v: -v)
print(l)
print("x", "y", sep=":", end="!\n")

# A method replaced on the class after it was called with keywords.
class D:
    def m(self, a=1):
        return ("old", a)

d = D()
print(d.m(a=2))
D.m = lambda self, a=0: ("new", a)
print(d.m(a=3))
d.m = lambda a=9: ("instance", a)
print(d.m(a=4))
