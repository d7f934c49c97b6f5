# gmtime fields and relationships between calls
import time
base = time.mktime((2021, 6, 1, 12, 0, 0, 0, 0, -1))
g1 = time.gmtime(base)
g2 = time.gmtime(base + 3600)
g3 = time.gmtime(base + 86400)
print(len(g1) >= 8, (g1[3] + 1) % 24 == g2[3], g1[4] == g2[4], g1[5] == g2[5])
print(g3[6] == (g1[6] + 1) % 7, g1[0] == 2021)
now = time.gmtime()
print(2020 <= now[0] < 2200, 1 <= now[1] <= 12, 0 <= now[5] <= 61)
d = time.gmtime(base + 86400 * 365)
print(d[0] == 2022, d[1] == g1[1])
