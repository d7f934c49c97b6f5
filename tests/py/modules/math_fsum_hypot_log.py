# fsum exactness, hypot/dist, logs of huge ints, remainder, nextafter/ulp
import math
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([1, 2 ** 70, 0.5]), math.fsum([1e-16, 1, 1e16]), math.fsum(x / 7 for x in range(100)))
print(math.fsum([float('inf'), 1.0]), math.fsum([1.0, float('nan')]))
for bad in ([float('inf'), float('-inf')], [1e308, 1e308]):
    try:
        math.fsum(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__)
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(3, 4, 12), math.hypot(1e200, 1e200), math.hypot(1e-200, 1e-200))
print(math.hypot(float('inf'), float('nan')), math.dist((1, 2, 3), (4, 6, 3)), math.dist([0.5], [2]))
print(round(math.log(2 ** 2000), 9), round(math.log2(2 ** 2000), 9), round(math.log10(10 ** 500), 9), round(math.log(10 ** 500, 10), 9))
print(math.log2(1024), math.log10(1000), math.log(8, 2), math.log(1), math.log2(True))
print(math.remainder(5, 2), math.remainder(7, 2), math.remainder(-5, 2), math.remainder(10, 3), math.remainder(3.5, float('inf')))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.ulp(1.0), math.ulp(0.0), math.ulp(1e300), math.ulp(float('inf')))
print(math.cbrt(27), math.cbrt(-8), math.exp2(10), math.exp2(-1))
tests = [
    lambda: math.log(0),
    lambda: math.log(-2 ** 100),
    lambda: math.log(10, 1),
    lambda: math.sqrt(10 ** 400),
    lambda: math.exp(1000),
    lambda: math.ldexp(1.0, 2000),
    lambda: math.dist((1,), (1, 2)),
    lambda: math.remainder(1, 0),
    lambda: math.pow(0, -1),
    lambda: math.pow(-8, 1 / 3),
    lambda: math.pow(10, 400),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
print(math.ldexp(1.0, -1075), math.ldexp(1.5, 1023), math.ldexp(1.0, -2 ** 70), math.frexp(2 ** 70), math.modf(-0.0))
print(math.pow(float('nan'), 0), math.pow(1, float('nan')), math.pow(float('inf'), -1), math.pow(-2, 3), math.pow(2, 0.5))
class Fl:
    def __floor__(self):
        return 'floor!'
    def __float__(self):
        return 1.5
print(math.floor(Fl()), math.ceil(Fl()), math.sqrt(Fl()), math.isnan(Fl()))
