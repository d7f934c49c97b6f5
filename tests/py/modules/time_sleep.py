# time.sleep pauses for at least the requested time
import time
start = time.time_ns()
time.sleep(0.02)
elapsed_ms = (time.time_ns() - start) // 1000000
print(elapsed_ms >= 15, elapsed_ms < 2000)
start = time.time_ns()
time.sleep(0)
print((time.time_ns() - start) < 10 ** 9)
