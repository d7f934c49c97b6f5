# closing a suspended coroutine runs its finally blocks
class Pause:
    def __await__(self):
        yield
    __iter__ = __await__  # MicroPython awaits via __iter__
async def job():
    try:
        print('job started')
        await Pause()
        print('not reached')
    finally:
        print('job cleanup')
c = job()
c.send(None)
c.close()
print('closed')
async def never_started():
    print('never printed')
n = never_started()
n.close()
print('closed unstarted coroutine')
