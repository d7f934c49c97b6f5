# Traceback line of an error in `a[i] op= x` (IndexError on the load, KeyError, TypeError on the store).
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

def line_of(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, frames(e)[-1])

def f1():
    a = [1, 2]
    a[2] += 1

def f2():
    d = {}
    x = 1
    d["k"] -= x

def f3():
    t = (1, 2)
    t[0] += 1

def f4():
    a = [1]
    a[0] += (
        "s"
    )

line_of(f1)
line_of(f2)
line_of(f3)
line_of(f4)
