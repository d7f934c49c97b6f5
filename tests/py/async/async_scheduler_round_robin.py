# a tiny round-robin scheduler driving several coroutines by hand
class Yield:
    def __await__(self):
        yield
    __iter__ = __await__  # MicroPython awaits via __iter__
async def task(name, steps):
    for i in range(steps):
        print(name, 'step', i)
        await Yield()
    return name + ' finished'
def run_all(coros):
    queue = list(coros)
    results = []
    while queue:
        c = queue.pop(0)
        try:
            c.send(None)
            queue.append(c)
        except StopIteration as e:
            results.append(e.value)
    return results
print(run_all([task('A', 3), task('B', 1), task('C', 2)]))
