def break_in_finally():
    out = []
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            out.append(i)
            break
    return out
print(break_in_finally())

def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise KeyError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())

def return_overrides_exception():
    try:
        raise ValueError("lost")
    finally:
        return "finally"
print(return_overrides_exception())

def exception_in_except_with_finally():
    log = []
    try:
        try:
            raise ValueError
        except ValueError:
            log.append("except")
            raise TypeError
        finally:
            log.append("finally")
    except TypeError:
        log.append("outer")
    return log
print(exception_in_except_with_finally())

def gen_with_cm():
    class CM:
        def __enter__(self):
            print("enter")
        def __exit__(self, *a):
            print("exit", a[0] and a[0].__name__)
            return a[0] is KeyError
    with CM():
        try:
            yield 1
        except ValueError:
            yield "ve"
        yield 2
g = gen_with_cm()
print(next(g), g.throw(ValueError), g.throw(KeyError) if False else next(g))
try:
    g.throw(KeyError)
except StopIteration:
    print("suppressed KeyError ended generator")

class A:
    x = 10
    def f(self, y=x):
        return y
    g = lambda self: x if False else A.x
print(A().f(), A().g())

def three_levels():
    a = 0
    def mid():
        def inner():
            nonlocal a
            a += 1
            return a
        return inner
    f = mid()
    f(); f()
    return a
print(three_levels())

x = "global x"
def outer_local():
    x = "outer local"
    def g():
        global x
        return x
    return g()
print(outer_local())

calls = 0
class Box:
    v = 0
box = Box()
def get():
    global calls
    calls += 1
    return box
get().v += 5
get().v *= 2
print(box.v, calls)
d = {"k": [1]}
def key():
    global calls
    calls += 1
    return "k"
d[key()] += [2]
print(d, calls)

for a, *b in [(1, 2, 3), (4,)]:
    print(a, b)
for (i, j), k in [((1, 2), 3)]:
    print(i + j + k)

def cond_jump(a, b, c, x, dd):
    if (a < b < c) if x else dd:
        return "yes"
    return "no"
print(cond_jump(1, 2, 3, True, False), cond_jump(3, 2, 1, True, True), cond_jump(3, 2, 1, False, True))
def not_and_or(a, b, c):
    return [1 if not (a and b) or c else 0, 1 if a and not b and not c else 0]
print([not_and_or(*t) for t in [(0, 0, 0), (1, 1, 0), (1, 0, 0), (1, 1, 1)]])

def while_else(n):
    while n:
        n -= 1
        try:
            if n == 2:
                break
        except Exception:
            pass
    else:
        return "exhausted"
    return "broke at %d" % n
print(while_else(5), while_else(1))

data = [3, 1, 2]
while (n := len(data)) > 1:
    data.pop()
print(n, data)

def kw(a, *, b=lambda: 0, **rest):
    return a + b() + len(rest)
print(kw(1, b=lambda: 10, c=1, d=2))

val = 3.5
name = "it's"
print(f"{val!r:^10}|{name!r}|{name!a}|{'x' * 3}|{val:+.1e}|{12345:_}")
print(f"{'a' if val > 1 else 'b'}", f"{(lambda q: q * 2)(4)}", f"{[i for i in range(3)]}")

def gen_nonlocal():
    count = 0
    def g():
        nonlocal count
        while count < 3:
            count += 1
            yield count
    return list(g()), count
print(gen_nonlocal())

def star_everywhere(*args, **kwargs):
    return args, kwargs
print(star_everywhere(*(), **{}), star_everywhere(*[1], *(2,), *{3: 0}, **{"a": 1}, **{"b": 2}))
try:
    star_everywhere(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("dup kw TypeError")

def defaults_eval_order():
    order = []
    def mark(v):
        order.append(v)
        return v
    def f(a=mark(1), *, b=mark(2), c=mark(3)):
        return a, b, c
    return f(), order
print(defaults_eval_order())

class Ctx:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("in", self.n)
        return self.n
    def __exit__(self, *a):
        print("out", self.n)
def multi_with():
    with Ctx(1) as a, Ctx(2) as b, Ctx(3):
        return a + b
print(multi_with())

def unpack_errors():
    res = []
    for src in [[1], [1, 2, 3]]:
        try:
            a, b = src
        except ValueError as e:
            res.append(str(e))
    try:
        a, *b, c = [1]
    except ValueError as e:
        res.append(str(e))
    return res
print(unpack_errors())

import sys
def exc_state_after_handler():
    try:
        raise KeyError
    except KeyError:
        pass
    return sys.exc_info()[0]
print(exc_state_after_handler())

def nested_finally_return():
    try:
        try:
            return "inner"
        finally:
            print("f1")
    finally:
        print("f2")
print(nested_finally_return())

def for_in_except():
    try:
        raise ValueError("v")
    except ValueError as e:
        for ch in str(e):
            if ch == "v":
                return "found in handler"
print(for_in_except(), sys.exc_info()[0])
