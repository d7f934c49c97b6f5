# yield from chains resumed by for loops, next(), send() and throw().


def leaf(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("leaf got", got)
    return "leaf%d" % n


def mid(n):
    r = yield from leaf(n)
    print("mid r", r)
    r2 = yield from leaf(1)
    return (r, r2)


def top():
    r = yield from mid(2)
    print("top r", r)
    yield "last"


for x in top():
    print("for", x)
print(list(top()))
print(sum(x for x in leaf(5)))

# next / send / throw through the chain, with the outer frame driven by for
g = top()
print(next(g), g.send("s1"), next(g))
try:
    g.throw(KeyError("boom"))
except KeyError as e:
    print("thrown out", repr(e))
print(list(g))


def catcher():
    while True:
        try:
            x = yield "ready"
            print("catcher x", x)
        except ValueError as e:
            print("catcher caught", e)
            yield "after catch"


def wraps():
    yield from catcher()


w = wraps()
for i, x in enumerate(w):
    print("w", x)
    if i == 0:
        print("throw ->", w.throw(ValueError("v")))
    if i == 1:
        print("send ->", w.send(7))
    if i == 3:
        break
w.close()


# recursion through yield from
def walk(t):
    if isinstance(t, int):
        yield t
    else:
        for c in t:
            yield from walk(c)


print(list(walk((1, (2, 3, (4, (5,))), 6))))
for x in walk(((1, 2), 3)):
    print("walk", x)


def deep(n):
    if n:
        yield from deep(n - 1)
    else:
        yield "bottom"


print(list(deep(100)))


def bottomless(n):
    yield from bottomless(n + 1)


try:
    for x in bottomless(0):
        pass
except RecursionError:
    print("RecursionError")


# exception from the delegate propagates through yield from, finally blocks run
def failing():
    try:
        yield 1
        raise IndexError("deep")
    finally:
        print("failing finally")


def relay():
    try:
        yield from failing()
    finally:
        print("relay finally")


try:
    for x in relay():
        print("relay", x)
except IndexError as e:
    print("caught", e)


def relay_catch():
    try:
        yield from failing()
    except IndexError as e:
        print("relay caught", e)
        yield "recovered"


print(list(relay_catch()))


# StopIteration raised in a delegate
def stop_inner():
    yield 1
    raise StopIteration("x")


def stop_outer():
    yield from stop_inner()


try:
    for x in stop_outer():
        print("so", x)
except RuntimeError as e:
    print("RuntimeError", e)


# delegate already running: ValueError
def selfref():
    yield from me


me = selfref()
try:
    for x in me:
        pass
except ValueError as e:
    print("ValueError", e)


# break out of a for over a yield-from chain, then resume by next and close
g = top()
for x in g:
    break
print("resumed", next(g), next(g))
g.close()
print("closed", list(g))


# delegate shared between two outer generators
shared = leaf(4)


def user():
    yield from shared


a, b = user(), user()
print(next(a), next(b), next(a), list(b), list(a))


# exception context inside delegate vs consumer
def ctx():
    try:
        raise OSError("inside")
    except OSError:
        yield 1
        yield 2


def ctx_outer():
    yield from ctx()


try:
    raise TypeError("outside")
except TypeError:
    for x in ctx_outer():
        print("ctx", x)
    try:
        raise
    except TypeError as e:
        print("still", e)
