# nan and inf behaviour
nan = float('nan')
inf = float('inf')
print(nan, inf, -inf, float('-inf'), float('Infinity'), float('-NaN'))
print(repr(nan), repr(inf), str(-inf))
print(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308)
print(inf + 1, inf - inf, inf * 0, inf * -1, 1 / inf, -1 / inf)
print(inf == inf, inf == float('inf'), -inf == -inf)
print(nan is nan, [nan][0] is nan, inf in [1, inf])
print(max(1.0, inf), min(-inf, 0))
import math
print(math.isnan(nan), math.isinf(inf), math.isinf(nan), math.isfinite(1.0), math.isfinite(inf))
for bad in (lambda: int(inf), lambda: int(nan)):
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__)
