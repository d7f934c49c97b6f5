# producer/consumer coroutines communicating through a shared queue
class Yield:
    def __await__(self):
        yield
    __iter__ = __await__  # MicroPython awaits via __iter__
queue = []
async def producer(n):
    for i in range(n):
        queue.append(i)
        print('produced', i)
        await Yield()
    queue.append(None)
async def consumer():
    total = 0
    while True:
        while not queue:
            await Yield()
        item = queue.pop(0)
        if item is None:
            return total
        print('consumed', item)
        total += item
def run(*coros):
    tasks = list(coros)
    results = {}
    while tasks:
        for t in list(tasks):
            try:
                t.send(None)
            except StopIteration as e:
                tasks.remove(t)
                results[len(results)] = e.value
    return results
print(run(producer(4), consumer()))
