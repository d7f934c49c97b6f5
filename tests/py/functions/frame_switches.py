# Entering and returning to frames of different code objects: after each return the
# caller must continue with its own instructions, names, constants, globals and locals.
import sys

G = "global-g"

def leaf(x):
    return x + 1

def uses_consts(x):
    s = "const-a"
    y = leaf(x)
    t = "const-b"
    return (s, y, t, G, 2.5, (1, 2))

def deep(n):
    if n == 0:
        return "bottom"
    r = deep(n - 1)
    return r + str(n % 10)

print(uses_consts(1))
print(deep(25))

# Module-level (LoadName) code continuing after calls return.
a = leaf(10)
b = uses_consts(a)
print(a, b[0], b[3])

# A class body (its own locals dict) calling functions between name loads.
class K:
    p = leaf(1)
    q = p + leaf(p)
    r = [leaf(i) for i in range(3)]
    def m(self):
        return self.q
print(K.p, K.q, K.r, K().m())

# Closure cells and class-level free variables after nested calls.
def outer():
    v = leaf(4)
    class Inner:
        w = v
        u = leaf(v)
    def f():
        return v + leaf(0)
    return Inner.w, Inner.u, f()
print(outer())

# Errors after a return must report the caller's code and line.
def raises_after_return():
    x = leaf(1)
    return undefined_name + x

try:
    raises_after_return()
except NameError as e:
    print("NameError", e)

def unbound_after_call():
    leaf(2)
    if False:
        z = 1
    return z

try:
    unbound_after_call()
except UnboundLocalError as e:
    print("UnboundLocalError")

# Python functions called from native code (a nested run) and returning.
print(sorted([3, 1, 2], key=lambda v: -leaf(v)))
print(list(map(leaf, [1, 2, 3])))
print(max([5, 9, 2], key=lambda v: uses_consts(v)[1]))

# __init__ frames and generator frames mixed with plain calls.
class P:
    def __init__(self, x):
        self.x = leaf(x)
    def get(self):
        return self.x

def gen(n):
    for i in range(n):
        yield P(i).get() + leaf(i)

print([v for v in gen(4)])
print(sum(gen(5)))

# Recursion limit still raises, and the interpreter keeps working afterwards.
def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError:
    print("RecursionError")
print(deep(3))

# Tracebacks through several frames keep their own lines.
def t1():
    return t2()

def t2():
    v = leaf(0)
    return 1 // (v - 1)

try:
    t1()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
