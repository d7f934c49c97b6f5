# fabs, fmod and modf
import math
print(math.fabs(-3), math.fabs(2.5), math.fabs(-0.0), type(math.fabs(-3)).__name__)
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(5.5, 2), math.fmod(-7.5, 2))
print(-7 % 3, math.fmod(-7, 3), -7.5 % 2)
print(math.modf(3.75), math.modf(-3.75), math.modf(2.0), math.modf(0.5))
try:
    math.fmod(1, 0)
except ValueError:
    print('ValueError fmod by zero')
