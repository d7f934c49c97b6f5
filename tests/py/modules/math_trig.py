# trigonometric functions (rounded to avoid libm last-bit differences)
import math
for x in (0.0, 0.5, 1.0, math.pi / 6, math.pi / 4, math.pi / 2, math.pi, -1.25, 10.0):
    print(round(math.sin(x), 10), round(math.cos(x), 10), round(math.tan(x), 8) if abs(math.cos(x)) > 1e-9 else 'inf')
print(math.sin(0.0), math.cos(0.0), math.tan(0.0))
print(abs(math.sin(math.pi)) < 1e-15, abs(math.cos(math.pi / 2)) < 1e-15)
print(round(math.sin(1) ** 2 + math.cos(1) ** 2, 12))
