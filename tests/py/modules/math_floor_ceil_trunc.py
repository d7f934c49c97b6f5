# floor, ceil and trunc return ints
import math
for v in (2.5, -2.5, 2.0, -0.5, 0.0, 1e20, -1e20, 7, -7, 2.9999999):
    print(v, math.floor(v), math.ceil(v), math.trunc(v), type(math.floor(v)).__name__)
print(math.floor(2 ** 100 + 0.0) == 2 ** 100, math.ceil(1e300) > 10 ** 299)
for bad in (float('inf'), float('nan')):
    try:
        math.floor(bad)
    except (OverflowError, ValueError):
        print('error for', bad)
