# degrees and radians conversions
import math
for d in (0, 30, 45, 90, 180, 270, 360, -90):
    r = math.radians(d)
    print(d, round(r, 10), round(math.degrees(r), 10))
print(math.degrees(math.pi), math.radians(180) == math.pi)
