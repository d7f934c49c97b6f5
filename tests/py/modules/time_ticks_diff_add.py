# .exp: time.ticks_add/ticks_diff are MicroPython-only (modular tick arithmetic)
import time
print(time.ticks_diff(time.ticks_add(100, 5), 100))
print(time.ticks_diff(100, 105))
print(time.ticks_add(1000, -1000))
print(time.ticks_diff(time.ticks_add(0, -1), 0))
print(time.ticks_diff(time.ticks_add(0, -1000), time.ticks_add(0, 1000)))
t = time.ticks_add(0, -3)
print(t > 0, time.ticks_diff(time.ticks_add(t, 10), t))
