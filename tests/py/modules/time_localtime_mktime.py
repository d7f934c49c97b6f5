# mktime and localtime are inverse operations
import time
t = time.mktime((2024, 3, 15, 12, 30, 45, 0, 0, -1))
print(isinstance(t, (int, float)))
lt = time.localtime(t)
print(tuple(lt[:6]), lt[6], lt[7], len(lt) >= 8)
t2 = time.mktime((2000, 1, 1, 0, 0, 0, 0, 0, -1))
print(tuple(time.localtime(t2)[:8]))
print(int(t - t2) // 86400)
later = time.localtime(t + 86400 * 20)
print(tuple(later[:3]))
now = time.localtime()
print(2020 <= now[0] < 2200, 1 <= now[1] <= 12, 1 <= now[2] <= 31, 0 <= now[3] < 24, 0 <= now[6] <= 6, 1 <= now[7] <= 366)
