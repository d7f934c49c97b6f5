# The back edge of a `for` loop runs the loop head's next step directly: iterators of
# every kind, continue, else, errors from __next__ on later iterations, loop variables
# that are cells, globals or attributes, and big ints from range.
class It:
    def __init__(self, n, fail_at=None):
        self.i = 0
        self.n = n
        self.fail_at = fail_at

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i == self.fail_at:
            raise ValueError("next failed at %d" % self.i)
        if self.i > self.n:
            raise StopIteration
        return self.i * 10


def f():
    out = []
    for x in It(4):
        if x == 20:
            continue
        out.append(x)
    else:
        out.append("else")
    for x in [1, 2, 3]:
        for y in (4, 5):
            out.append(x * y)
    for k, v in {"a": 1, "b": 2}.items():
        out.append(k + str(v))
    for c in "xyz":
        out.append(c)
    for i in range(2**62, 2**62 + 3):
        out.append(i)
    for i in range(10, 0, -3):
        out.append(i)
    try:
        for x in It(5, fail_at=3):
            out.append(x)
    except ValueError as e:
        out.append(str(e))
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    out.append([g() for g in fs])
    for x in It(2):
        break
    else:
        out.append("no")
    return out


print(f())


def gen_loop():
    def g():
        yield 1
        yield 2
    s = 0
    for a in g():
        for b in g():
            s += a * b
    return s


print(gen_loop())
total = 0
for gi in range(5):
    total += gi
print(total, gi)


class O:
    pass


o = O()
for o.attr in [1, 2, 3]:
    pass
print(o.attr)
# The list changes while iterated.
xs = [1, 2, 3]
seen = []
for x in xs:
    seen.append(x)
    if len(xs) < 6:
        xs.append(x * 10)
print(seen)
