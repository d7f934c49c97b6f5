# .exp: time.ticks_ms/ticks_us/ticks_cpu are MicroPython-only
import time
for f in (time.ticks_ms, time.ticks_us, time.ticks_cpu):
    a = f()
    b = f()
    print(type(a).__name__, a >= 0, time.ticks_diff(b, a) >= 0)
