# Tracebacks of exceptions raised in or by __init__: the __init__ frame, then the
# callers' lines (compared as (line, function) pairs).
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
    def __init__(self, n):
        self.n = n
        helper(n)

def helper(n):
    raise ValueError(n)

def make():
    return Bad(3)

class Wrong:
    def __init__(self):
        return 1

def make_wrong():
    return Wrong()

class Sub(Bad):
    def __init__(self):
        super().__init__(4)

for f in (make, make_wrong, lambda: Sub(), lambda: Bad()):
    try:
        f()
    except Exception as e:
        # (the wording of the missing-argument message differs from CPython's)
        print(type(e).__name__, frames(e), "" if "missing" in str(e) else e)
