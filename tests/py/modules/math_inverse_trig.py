# inverse trigonometric functions
import math
for x in (-1.0, -0.5, 0.0, 0.5, 1.0):
    print(x, round(math.asin(x), 10), round(math.acos(x), 10), round(math.atan(x), 10))
print(round(math.atan2(1, 1), 10), round(math.atan2(1, -1), 10), round(math.atan2(-1, -1), 10), math.atan2(0.0, 1.0))
print(round(math.atan(1e10), 10), round(math.atan2(0, -1), 10), round(math.atan2(1, 0), 10))
print(round(math.degrees(math.asin(0.5)), 6), round(math.degrees(math.acos(0.0)), 6))
