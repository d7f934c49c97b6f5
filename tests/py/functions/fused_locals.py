# Pairs of local loads and store-then-load (the compiler fuses them into one instruction):
# unbound locals in either half, the same slot twice, loops and branches that jump
# between them, del, and exceptions caught in the same function.

def pair(a, b):
    return a, b, b, a, a, a

print(pair(1, 2))

def store_load(n):
    x = n * 2
    y = x
    x = y + 1
    return x, y

print(store_load(5))

def unbound_first(flag):
    if flag:
        a = 1
    b = 2
    return a + b          # a unbound when flag is false

def unbound_second(flag):
    a = 1
    if flag:
        b = 2
    return a + b          # b unbound when flag is false

def store_then_unbound(flag):
    if flag:
        b = 5
    a = 3
    return b              # StoreFast a; LoadFast b

def unbound_binop_operand(flag):
    if flag:
        b = 1
    c = 2
    return c * 3 - b      # LoadFast b; BinaryOp

def binop_operands(a, b, c):
    return a - b * c + a / b - c % a, a + b + c, c - (a - b), [a] * b

for f in (unbound_first, unbound_second, store_then_unbound, unbound_binop_operand):
    for flag in (True, False):
        try:
            print(f.__name__, flag, f(flag))
        except UnboundLocalError as e:
            print(f.__name__, flag, "UnboundLocalError")
        except NameError as e:
            print(f.__name__, flag, "NameError")

def after_del():
    a = 1
    b = 2
    del b
    try:
        return a + b
    except NameError:
        return "caught"

print(after_del())
print(binop_operands(3, 4, 5), binop_operands(1.5, -2, 7))

def loops(n):
    total = 0
    i = 0
    while i < n:
        j = i
        total = total + j * i
        i = i + 1
    k = 0
    for k in range(n):
        total = total + k
    return total, i, k

print(loops(10))

def swap_many(a, b, c):
    for _ in range(3):
        a, b, c = b, c, a
        t = a
        a = b
        b = t
    return a, b, c

print(swap_many(1, 2, 3))

def many_locals():
    # Slots beyond 255 are not fused; the near ones are.
    ns = {}
    src = "def big():\n" + "".join("    v%d = %d\n" % (i, i) for i in range(300)) + "    return v0 + v1, v298 + v299, v10 + v299\n"
    exec(src, ns)
    return ns["big"]()

print(many_locals())

def handler_between(x):
    try:
        y = x + 1
    except TypeError:
        y = 0
    z = y
    return z

print(handler_between(1), handler_between("a"))

def gen(n):
    a = 0
    for i in range(n):
        b = a
        a = i
        yield a, b

print(list(gen(4)))

lam = lambda p, q: (p, q, q, p)
print(lam(7, 8))

def closure():
    a = 1
    b = 2
    def inner():
        return a + b
    c = a
    return inner() + c

print(closure())
