# calling an async def returns a coroutine; send(None) runs it
async def answer():
    return 42
c = answer()
print(hasattr(c, 'send'), hasattr(c, 'throw'), hasattr(c, 'close'))
try:
    c.send(None)
except StopIteration as e:
    print('returned', e.value)
async def nothing():
    pass
c = nothing()
try:
    c.send(None)
except StopIteration as e:
    print('returned', e.value)
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def add(a, b=10, *, scale=1):
    return (a + b) * scale
print(run(add(1)), run(add(1, 2)), run(add(1, 2, scale=3)))
