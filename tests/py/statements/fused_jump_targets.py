# Instruction pairs the compiler fuses (`LoadFast; LoadAttr`, `LoadFast; LoadMethod`,
# `LoadFast; StoreAttr`, `LoadNone; ReturnValue`) where a jump lands between the two:
# they must then stay separate instructions.


class O:
    def __init__(self, x):
        self.x = x

    def m(self):
        return "m%d" % self.x


def or_attr(a, b):
    return (a or b).x


def or_method(a, b):
    return (a or b).m()


def or_store(a, b, v):
    (a or b).x = v
    return a.x if a else b.x


def cond_attr(c, a, b):
    return (a if c else b).x


def and_none(c):
    return c and None


def or_none(c):
    return c or None


def cond_none(c, v):
    return v if c else None


o1, o2 = O(1), O(2)
z = O(0)
print(or_attr(o1, o2), or_attr(None, o2), or_attr(0, o1))
print(or_method(o1, o2), or_method(None, o2))
print(or_store(o1, o2, 10), or_store(None, o2, 20), o1.x, o2.x)
print(cond_attr(True, o1, o2), cond_attr(False, o1, o2))
print(and_none(0), and_none(1), or_none(0), or_none(5), cond_none(1, 7), cond_none(0, 7))


# Loops: the loop variable's attribute right at the top of the body and after `continue`.
def loop_attrs(objs):
    total = 0
    for o in objs:
        if o.x % 2:
            continue
        total += o.x
    i = 0
    while i < len(objs):
        o = objs[i]
        i += 1
        if o.x > 3:
            break
        total += o.x * 10
    else:
        return None
    return total


print(loop_attrs([O(i) for i in range(6)]), loop_attrs([O(1)]))


# try/except/finally around the pairs.
def tries(o, fail):
    try:
        if fail:
            raise ValueError
        r = o.x
    except ValueError:
        r = o.m()
    finally:
        o.x = o.x + 1
    return r


def try_return_none(o):
    try:
        o.x += 1
        return
    finally:
        o.x *= 2


print(tries(O(5), False), tries(O(5), True))
t = O(3)
print(try_return_none(t), t.x)


# Return None from functions, methods, __init__ (explicit and implicit), lambdas, generators.
class I:
    def __init__(self, v):
        self.v = v
        if v < 0:
            return None
        if v == 0:
            return

    def f(self):
        self.v += 1


def explicit():
    return None


def bare():
    return


def implicit():
    pass


def gen(n):
    for i in range(n):
        yield i
        if i == 1:
            return None
    return


def gen_implicit():
    yield 1


lam = lambda: None
print(explicit(), bare(), implicit(), lam(), I(-1).v, I(0).v, I(3).v, I(1).f())
print(list(gen(5)), list(gen(1)), list(gen_implicit()))
g = gen(3)
next(g)
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
