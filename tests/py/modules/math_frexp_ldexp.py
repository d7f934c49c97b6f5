# frexp and ldexp decompose and rebuild floats exactly
import math
for x in (0.0, 1.0, 8.0, 0.15625, -3.5, 1e300, 5e-300, 123456.789):
    m, e = math.frexp(x)
    print(x, m, e, math.ldexp(m, e) == x)
print(math.ldexp(1, 10), math.ldexp(0.5, -3), math.ldexp(-3, 4), math.ldexp(1.5, 0))
