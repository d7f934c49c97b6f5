# Generators resumed through every path (for, next(), send, throw, close, sum/list/max
# over generator expressions, yield from), with collections in the middle of pipelines,
# closes and throws mid-iteration, and exceptions escaping from deep inside.
import gc

def src(n):
    for i in range(n):
        if i % 50 == 0:
            gc.collect()
        yield [i, str(i)]

def stage(it):
    for x in it:
        yield x[0] * 2, x[1] + "!"

def deep(it, depth):
    if depth == 0:
        yield from it
    else:
        yield from deep(it, depth - 1)

total = 0
for a, b in deep(stage(src(300)), 5):
    total += a + len(b)
print("pipeline", total)
print(sum(x[0] for x in src(200)), max(len(x[1]) for x in src(120)), len(list(stage(src(77)))))

# close mid-iteration, with finally
log = []
def closable():
    try:
        for i in range(10):
            yield i
    finally:
        log.append("finally")
g = closable()
print(next(g), next(g))
g.close()
print(log, list(g))
g.close()

# throw mid-iteration: caught inside and continues
def catcher():
    i = 0
    while True:
        try:
            yield i
        except ValueError as e:
            yield "caught " + str(e)
        i += 1
g = catcher()
print(next(g), next(g), g.throw(ValueError("boom")), next(g), next(g))
# throw not caught: propagates and the generator is finished
def plain():
    yield 1
    yield 2
g = plain()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)
print(list(g), next(g, "done"))

# throw through a yield from chain
def inner():
    try:
        yield "in1"
        yield "in2"
    except IndexError:
        yield "inner caught"
    return "ret"
def outer():
    r = yield from inner()
    yield "outer got " + r
g = outer()
print(next(g), g.throw(IndexError), next(g), next(g, "end"))

# exception escaping from a deep generator while a native consumer (sum) iterates
def bad(n):
    for i in range(n):
        if i == 7:
            raise ZeroDivisionError("at 7")
        yield i
try:
    sum(x for x in deep(bad(20), 3))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

# StopIteration inside a generator becomes RuntimeError
def stopper():
    yield 1
    raise StopIteration
try:
    list(stopper())
except RuntimeError as e:
    print("RuntimeError", e)

# a generator that is running cannot be resumed from inside itself
def selfish():
    yield next(me)
me = selfish()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)

# send into a suspended generator, and the just-started rule
def acc():
    s = 0
    while True:
        v = yield s
        if v is None:
            return s
        s += v
g = acc()
try:
    g.send(5)
except TypeError as e:
    print("TypeError", e)
print(next(g), g.send(3), g.send(4))
try:
    g.send(None)
except StopIteration as e:
    print("StopIteration", e.value)

# many live generators at once, collected while suspended
gens = [src(5) for _ in range(200)]
gc.collect()
print(sum(next(g)[0] for g in gens), sum(len(list(g)) for g in gens))
