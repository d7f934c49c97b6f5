# simulated sleeping with a virtual clock and a priority scheduler
class Sleep:
    def __init__(self, delay):
        self.delay = delay
    def __await__(self):
        yield self.delay
    __iter__ = __await__  # MicroPython awaits via __iter__
async def blinker(name, period, times, log):
    for i in range(times):
        log.append((name, i))
        await Sleep(period)
    return name
def run(tasks):
    now = 0
    pending = [(0, i, t) for i, t in enumerate(tasks)]
    timeline = []
    done = []
    while pending:
        pending.sort(key=lambda p: (p[0], p[1]))
        wake, idx, coro = pending.pop(0)
        now = wake
        try:
            delay = coro.send(None)
            pending.append((now + delay, idx, coro))
        except StopIteration as e:
            done.append((now, e.value))
        timeline.append(now)
    return timeline, done
log = []
timeline, done = run([blinker('fast', 2, 4, log), blinker('slow', 5, 2, log)])
print(log)
print(timeline)
print(done)
