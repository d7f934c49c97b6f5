# math constants
import math
print(math.pi, math.e, math.tau, math.tau == 2 * math.pi)
print(math.inf, -math.inf, math.inf == float('inf'), math.isnan(math.nan), math.nan != math.nan)
print(type(math.pi).__name__, round(math.pi, 4), round(math.e, 6))
print(math.pi * 2 == math.tau, math.e ** 1 == math.e, math.inf > 1e308, -math.inf < -1e308)
print(math.isinf(math.inf), math.isfinite(math.pi), math.isfinite(math.e))
print('%.15f' % math.pi, '%.15f' % math.e, '{:.6f}'.format(math.tau))
print(math.floor(math.pi), math.ceil(math.e), math.trunc(-math.pi))
