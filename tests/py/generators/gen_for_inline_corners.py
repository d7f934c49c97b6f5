# for-loops over generators: the generator runs in a frame of the caller's loop.
import gc


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print([x for x in count(4)])
print(sum(x * x for x in count(10)), list(x for x in count(3)), any(x > 5 for x in count(10)))

# break then resume with next()
g = count(6)
for x in g:
    if x == 2:
        break
print(x, next(g), next(g), list(g))
for x in g:
    print("never", x)
print("exhausted ok")


# try/finally in the generator, break in the consumer, close()
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


g = fin()
for x in g:
    print("got", x)
    break
g.close()
print("closed")

g = fin()
for x in g:
    print("got", x)
    g2 = x
print("loop done")


# generator closed mid-loop
def three():
    yield 1
    yield 2
    yield 3


g = three()
for x in g:
    print("x", x)
    if x == 1:
        g.close()
print("after close loop")


# nested generators
def outer():
    for a in count(3):
        for b in count(a):
            yield (a, b)


print(list(outer()))
for p in outer():
    print(p, end=" ")
print()


# self next: ValueError
def selfish():
    yield next(me)


me = selfish()
try:
    for x in me:
        print("no")
except ValueError as e:
    print("ValueError", e)


# exception inside, caught by the consumer
def bad():
    yield 1
    raise KeyError("k")


try:
    for x in bad():
        print("bad", x)
except KeyError as e:
    print("caught", repr(e))


# StopIteration raised inside becomes RuntimeError
def stopper():
    yield 1
    raise StopIteration


try:
    for x in stopper():
        print("s", x)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)


# exception state inside generator vs consumer
def exc_gen():
    try:
        raise ValueError("inner")
    except ValueError:
        yield 1
        raise


try:
    raise TypeError("outer")
except TypeError:
    try:
        for x in exc_gen():
            print("eg", x)
    except ValueError as e:
        print("re-raised", e)
    try:
        raise
    except TypeError as e:
        print("outer still handled", e)


# send / throw between for steps
def echo():
    got = None
    while True:
        try:
            got = yield got
        except KeyError:
            got = "thrown"


e = echo()
for i, x in enumerate(e):
    print("echo", x)
    if i == 0:
        print("send", e.send(5))
    if i == 1:
        print("throw", e.throw(KeyError))
    if i == 3:
        break


# gc inside
def collecting():
    for i in range(3):
        gc.collect()
        yield [i] * 3


for x in collecting():
    gc.collect()
    print(x)


# recursion through generators
def deep(n):
    if n == 0:
        yield 0
        return
    for x in deep(n - 1):
        yield x + 1


print(list(deep(50)))


def forever(n):
    for x in forever(n + 1):
        yield x
    yield n


try:
    for x in forever(0):
        pass
except RecursionError:
    print("RecursionError")


# yield from inside a generator driven by for
def yf():
    r = yield from count(3)
    yield r


print(list(yf()))
for x in yf():
    print("yf", x)


# generator returning inside try/finally with consumer break
def ret_in_try():
    try:
        yield 1
        return 5
    finally:
        print("cleanup")


for x in ret_in_try():
    print("r", x)
print("end")
