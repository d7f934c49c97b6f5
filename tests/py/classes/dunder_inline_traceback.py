# Exceptions raised in operator special methods (which run in a frame of the interpreter
# loop): caught by the caller's try/except, and their tracebacks (compared as
# (line, function) pairs) show the special method's frame, then the callers' lines.
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

class Bad:
    def __add__(self, o):
        return helper(o)
    def __radd__(self, o):
        raise KeyError('radd')
    def __iadd__(self, o):
        raise IndexError('iadd')
    def __lt__(self, o):
        raise ValueError('lt')
    def __eq__(self, o):
        return NotImplemented
    def __neg__(self):
        raise ArithmeticError('neg')
    def __getitem__(self, k):
        return [][k]
    def __mul__(self, o):
        return NotImplemented
    def __sub__(self, o):
        return NotImplemented

def helper(o):
    raise ValueError(o)

class Other:
    def __rmul__(self, o):
        raise TypeError('rmul')

def add(x):
    return x + 1

def radd(x):
    return 1 + x

def iadd(x):
    x += 2
    return x

def lt(x):
    if x < 3:
        return 1

def neg(x):
    return -x

def item(x):
    i = 4
    return x[i]

def item_small(x):
    return x[7]

def mul_other(x):
    return x * Other()

def sub_fail(x):
    y = x
    return y - x

def fused(x):
    k = 9
    return (x
            + k)

def caught(x):
    try:
        return x + 'c'
    except ValueError as e:
        return 'caught ' + str(e)

def caught_outer(x):
    try:
        return add(x)
    except ValueError:
        return 'caught in outer'

b = Bad()
for f in (add, radd, iadd, lt, neg, item, item_small, mul_other, sub_fail, fused):
    try:
        f(b)
        print('no error')
    except Exception as e:
        print(f.__name__, type(e).__name__, frames(e))
print(caught(b), caught_outer(b))
print(b == b, b == 1, b != b)

# an exception inside a dunder leaves the caller's stack and handled exception intact
def nested_handlers(x):
    out = []
    for i in range(3):
        try:
            try:
                raise OSError('outer')
            except OSError:
                out.append(x + i)
        except ValueError as e:
            out.append(('V', str(e)))
    return out
print(nested_handlers(b))
