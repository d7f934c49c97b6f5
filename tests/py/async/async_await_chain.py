# coroutines awaiting other coroutines
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def leaf(x):
    print('leaf', x)
    return x * 2
async def middle(x):
    a = await leaf(x)
    b = await leaf(a)
    return a + b
async def top():
    results = []
    for i in range(3):
        results.append(await middle(i))
    return results
print(run(top()))
async def recursive(n):
    if n == 0:
        return 'bottom'
    return 'level%d/' % n + await recursive(n - 1)
print(run(recursive(4)))
