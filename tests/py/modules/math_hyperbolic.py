# hyperbolic functions and their inverses
import math
for x in (0.0, 0.5, 1.0, -2.0, 3.0):
    print(x, round(math.sinh(x), 10), round(math.cosh(x), 10), round(math.tanh(x), 10))
for x in (0.0, 0.5, -0.75):
    print(round(math.asinh(x), 10), round(math.atanh(x), 10))
for x in (1.0, 2.0, 10.0):
    print(round(math.acosh(x), 10))
print(round(math.asinh(math.sinh(1.3)), 10), round(math.acosh(math.cosh(2.2)), 10))
