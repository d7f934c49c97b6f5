# Argument binding paths: exact arity, trailing defaults filled, keywords, closures,
# generators with defaults, methods with defaults, defaults tuple shared between calls.
def f(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)

print(f(1), f(1, 5), f(1, 5, []), f(1, c=[0]), f(b=7, a=0))
try:
    f()
except TypeError:
    print("TypeError missing")
try:
    f(1, 2, 3, 4)
except TypeError:
    print("TypeError too many")

def outer(k):
    def inner(x, y=k):
        return x + y + k
    return inner
g = outer(10)
print(g(1), g(1, 2))

def gen(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step
print(list(gen(5)), list(gen(5, 2)))

class C:
    def m(self, a=1, b=2):
        return a * 10 + b
    def n(self, *args, k=3):
        return args, k
c = C()
print(c.m(), c.m(5), c.m(5, 6), c.m(b=9))
bm = c.m
print(bm(), bm(4), C.m(c), C.m(c, 7))
print(c.n(), c.n(1, 2), c.n(k=0))

def many(a, b, c, d, e, f=6, g=7, h=8, i=9, j=10):
    return a + b + c + d + e + f + g + h + i + j
print(many(1, 2, 3, 4, 5), many(1, 2, 3, 4, 5, 0, 0))
f.__defaults__ if hasattr(f, "__defaults__") else None

def rec(n, acc=0):
    return acc if n == 0 else rec(n - 1, acc + n)
print(rec(200))
