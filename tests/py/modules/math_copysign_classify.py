# copysign, isfinite, isinf, isnan
import math
print(math.copysign(3, -0.0), math.copysign(-3, 1), math.copysign(0.0, -1), math.copysign(2.5, -2))
for v in (0.0, -1.5, 1e308, float('inf'), float('-inf'), float('nan')):
    print(v, math.isfinite(v), math.isinf(v), math.isnan(v))
print(math.isfinite(10 ** 20), math.isinf(1), math.isnan(0))
