# a gather() helper built from plain coroutine stepping
class Yield:
    def __await__(self):
        yield
    __iter__ = __await__  # MicroPython awaits via __iter__
async def compute(name, n):
    acc = 0
    for i in range(n):
        acc += i
        await Yield()
    return name, acc
async def gather(*coros):
    results = [None] * len(coros)
    pending = dict(enumerate(coros))
    while pending:
        for i in list(pending):
            try:
                pending[i].send(None)
            except StopIteration as e:
                results[i] = e.value
                del pending[i]
        if pending:
            await Yield()
    return results
def run(coro):
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as e:
        return e.value, steps
print(run(gather(compute('a', 3), compute('b', 5), compute('c', 0))))
