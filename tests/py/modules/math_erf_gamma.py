# special functions erf, erfc, gamma, lgamma
import math
for x in (0.0, 0.5, 1.0, -1.0, 2.5):
    print(x, round(math.erf(x), 10), round(math.erfc(x), 10))
for x in (1.0, 2.0, 5.0, 0.5, 10.0):
    print(x, round(math.gamma(x), 8), round(math.lgamma(x), 10))
print(round(math.gamma(6)), round(math.gamma(0.5) ** 2, 10) == round(math.pi, 10))
