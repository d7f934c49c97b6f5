# objects with __await__ suspend the coroutine chain
class Suspend:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        received = yield self.tag
        return 'resumed with %r' % (received,)
    __iter__ = __await__  # MicroPython awaits via __iter__
async def worker():
    r1 = await Suspend('first')
    print(r1)
    r2 = await Suspend('second')
    print(r2)
    return 'worker done'
c = worker()
print('yielded', c.send(None))
print('yielded', c.send('A'))
try:
    c.send('B')
except StopIteration as e:
    print(e.value)
