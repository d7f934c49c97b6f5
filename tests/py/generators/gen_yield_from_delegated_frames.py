# `yield from` a generator runs the delegate in a frame of the same loop: yields pass up
# through every delegating frame, returns give the value of `yield from`, exceptions
# unwind through them, and every way of resuming (for, next, send, throw, close) agrees.
import sys


def inner(n):
    got = []
    for i in range(n):
        x = yield i
        got.append(x)
    return ("inner-done", got)


def middle(n):
    r = yield from inner(n)
    yield ("middle saw", r)
    return "middle-ret"


def outer(n):
    r = yield from middle(n)
    yield ("outer saw", r)


print(list(outer(3)))

# send() values reach the innermost generator through two delegating frames.
g = outer(3)
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(g.send("c"))
print(g.send("d"))
try:
    g.send("e")
except StopIteration as e:
    print("StopIteration", e.value)


# throw() into a generator suspended in a delegated chain.
def catcher():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield ("caught", str(e))
    return "catcher-ret"


def wrap():
    r = yield from catcher()
    yield ("wrap got", r)


g = wrap()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("done")

# close() of a delegating generator closes the delegate.
log = []


def closable():
    try:
        yield 1
        yield 2
    finally:
        log.append("closable finally")


def deleg():
    try:
        yield from closable()
    finally:
        log.append("deleg finally")


g = deleg()
print(next(g))
g.close()
print(log)


# An exception raised in the delegate unwinds through the delegating frame's handler.
def bad():
    yield 1
    raise KeyError("k")


def handles():
    try:
        yield from bad()
    except KeyError as e:
        yield ("handled", e.args[0])
    yield "after"


print(list(handles()))


# StopIteration raised inside a delegate becomes RuntimeError (PEP 479).
def raises_stop():
    yield 1
    raise StopIteration("x")


def deleg_stop():
    try:
        yield from raises_stop()
    except RuntimeError as e:
        yield ("RuntimeError", str(e))


print(list(deleg_stop()))


# Recursive yield from (a tree walk), consumed by for, list, sum and next.
def walk(node):
    if isinstance(node, int):
        yield node
    else:
        yield node[0]
        yield from walk(node[1])
        yield from walk(node[2])


t = (1, (2, 3, 4), (5, (6, 7, 8), 9))
print([x for x in walk(t)])
print(sum(walk(t)), max(walk(t)))
it = walk(t)
print(next(it), next(it), next(it))
for x in it:
    print("rest", x)


# A delegate that is exhausted already, or a just-started one sent None.
def empty():
    return "empty-ret"
    yield


def uses_empty():
    r = yield from empty()
    yield r
    e = empty()
    list(e)
    r2 = yield from e
    yield r2


print(list(uses_empty()))


# Delegating to a generator that is running (itself, via another path) is an error.
def selfish():
    yield 1
    yield from g_self


g_self = selfish()
try:
    print(list(g_self))
except ValueError as e:
    print("ValueError", e)


# Very deep delegation chains hit the recursion limit, and things keep working.
def chain(n):
    if n == 0:
        yield "bottom"
    else:
        yield from chain(n - 1)


try:
    print(list(chain(5000)))
except RecursionError:
    print("RecursionError")
print(list(chain(50)))


# Generators' handled exceptions stay separate across delegation: a bare `raise` after
# the delegate ran (and handled its own exception) re-raises the outer one.
def exc_inner():
    try:
        raise IndexError("inner")
    except IndexError as e:
        yield "inner handled " + str(e)
    yield "inner after"


def exc_outer():
    try:
        raise TypeError("outer")
    except TypeError:
        yield from exc_inner()
        try:
            raise
        except TypeError as e:
            yield "re-raised " + str(e)


print(list(exc_outer()))
