def g1():
    x = yield 1
    print("recv", x)
    y = yield x
    return y
g = g1()
print(next(g), g.send("a"))
try:
    g.send("b")
except StopIteration as e:
    print("ret", e.value)

def sub():
    yield "s1"
    r = yield "s2"
    return "sub-ret:" + str(r)
def deleg():
    v = yield from sub()
    print("deleg got", v)
    yield from [1, 2]
    yield from (i * 10 for i in range(2))
print(list(deleg()))
d = deleg()
print(next(d), next(d), d.send("X"))

def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)
    yield "after"
t = thrower()
print(next(t), t.throw(ValueError("v")), next(t))

def deleg_throw():
    yield from thrower()
t = deleg_throw()
print(next(t), t.throw(ValueError("w")), next(t))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)))

def gexp():
    return (x * x for x in range(4))
print(list(gexp()), sum(gexp()))
def stop_in_gen():
    yield 1
    raise StopIteration
try:
    list(stop_in_gen())
except RuntimeError as e:
    print("RuntimeError", e)
def lamgen():
    f = lambda: (yield 5)
    return list(f())
print(lamgen())
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(It()), [x for x in It()])
for a, b in zip(It(), "xyz"):
    print(a, b, end=" ")
print()
def closing():
    try:
        while True:
            yield
    except GeneratorExit:
        print("exit seen")
        raise
c = closing()
next(c)
c.close()
async def co(x):
    return x * 2
async def main():
    a = await co(2)
    b = await co(a)
    return a + b
m = main()
try:
    m.send(None)
except StopIteration as e:
    print("coroutine result", e.value)
import asyncio
async def sleeper(n):
    await asyncio.sleep(0)
    return n
async def amain():
    r = []
    for i in range(3):
        r.append(await sleeper(i))
    class ACM:
        async def __aenter__(self):
            print("aenter")
            return self
        async def __aexit__(self, *a):
            print("aexit", a[0])
    async with ACM() as cm:
        r.append("in")
    class AIt:
        def __init__(self):
            self.i = 0
        def __aiter__(self):
            return self
        async def __anext__(self):
            self.i += 1
            if self.i > 2:
                raise StopAsyncIteration
            return self.i
    async for v in AIt():
        r.append(v)
    else:
        r.append("else")
    return r
print(asyncio.run(amain()))
