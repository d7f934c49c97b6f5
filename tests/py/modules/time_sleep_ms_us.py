# .exp: time.sleep_ms and time.sleep_us are MicroPython-only
import time
t0 = time.ticks_ms()
time.sleep_ms(20)
dt = time.ticks_diff(time.ticks_ms(), t0)
print('sleep_ms(20) waited >= 15ms:', dt >= 15)
t0 = time.ticks_us()
time.sleep_us(5000)
dt = time.ticks_diff(time.ticks_us(), t0)
print('sleep_us(5000) waited >= 4000us:', dt >= 4000)
print(time.sleep_ms(0), time.sleep_us(0))
