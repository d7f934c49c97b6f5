# Traceback lines of errors in `local.attr`, `local.method()` and `local.attr = v` (each a
# fused instruction whose attribute half may be on another line than the local).
import sys


def frames(e):
    if sys.implementation.name == "cpython":
        import traceback
        return [(f.lineno, f.name) for f in traceback.extract_tb(e.__traceback__)]
    import io
    buf = io.StringIO()
    sys.print_exception(e, buf)
    out = []
    for line in buf.getvalue().split("\n"):
        line = line.strip()
        if line.startswith("File "):
            parts = line.split(", ")
            out.append((int(parts[1].split()[1]), parts[2].split()[1]))
    return out


def show(f, *args):
    try:
        f(*args)
        print(f.__name__, "no error")
    except Exception as e:
        print(f.__name__, type(e).__name__, frames(e)[1:])


class C:
    def __init__(self):
        self.a = 1

    @property
    def bad(self):
        return 1 // 0

    def meth(self):
        return self.missing


def unbound(flag):
    if flag:
        o = C()
    return o.a


def unbound_next_line(flag):
    if flag:
        o = C()
    x = 1
    return (x +
            o.a)


def missing_same_line(o):
    return o.nope


def missing_other_line(o):
    return (o
            .nope)


def method_other_line(o):
    return (o.
            nope())


def method_inside(o):
    return o.meth()


def prop_raises(o):
    y = 0
    return (y,
            o.bad)


def store_int(o):
    o.attr = 1


def store_other_line(o, v):
    (o
     ).attr = v + 1


def unbound_store(flag):
    if flag:
        o = C()
    o.a = 2


def unbound_method(flag):
    if flag:
        o = C()
    return o.meth()


def in_try(o):
    try:
        return o.nope
    except AttributeError:
        return o.also_nope


def in_finally(o):
    try:
        return 1
    finally:
        o.nope


c = C()
show(unbound, False)
show(unbound_next_line, False)
show(missing_same_line, c)
show(missing_other_line, c)
show(missing_other_line, 5)
show(method_other_line, c)
show(method_inside, c)
show(prop_raises, c)
show(store_int, 5)
show(store_other_line, 5, 1)
show(unbound_store, False)
show(unbound_method, False)
show(in_try, c)
show(in_finally, c)
