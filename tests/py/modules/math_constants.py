# math constants
import math
print(math.pi, math.e, math.tau, math.tau == 2 * math.pi)
print(math.inf, -math.inf, math.inf == float('inf'), math.isnan(math.nan), math.nan != math.nan)
print(type(math.pi).__name__, round(math.pi, 4), round(math.e, 6))
