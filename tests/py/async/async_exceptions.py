# exceptions propagate through awaits and can be thrown into coroutines
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def failing():
    raise RuntimeError('inner failure')
async def caller():
    try:
        await failing()
    except RuntimeError as e:
        return 'handled: ' + str(e)
print(run(caller()))
async def unhandled():
    await failing()
try:
    run(unhandled())
except RuntimeError as e:
    print('propagated to driver:', e)
class Pause:
    def __await__(self):
        yield 'paused'
    __iter__ = __await__  # MicroPython awaits via __iter__
async def waits():
    try:
        await Pause()
    except ValueError as e:
        print('coroutine caught thrown', e)
        return 'recovered'
c = waits()
print(c.send(None))
try:
    c.throw(ValueError('from outside'))
except StopIteration as e:
    print(e.value)
