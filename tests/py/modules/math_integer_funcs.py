# math integer functions: gcd, lcm, factorial, comb, perm, isqrt, prod
import math
print(math.gcd(), math.gcd(12, 18, -30), math.gcd(2 ** 100, 6 ** 50), math.gcd(0, 0), math.gcd(-4))
print(math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5), math.lcm(-3, 4), math.lcm(2 ** 40, 3 ** 20))
print(math.factorial(0), math.factorial(30), math.factorial(200) % (10 ** 9 + 7), len(str(math.factorial(500))))
print(math.comb(10, 3), math.comb(100, 50), math.comb(3, 5), math.comb(5, 0), math.comb(60, 30))
print(math.perm(5), math.perm(10, 3), math.perm(3, 5), math.perm(20, 0), math.perm(30, None) == math.factorial(30))
print(math.isqrt(0), math.isqrt(99), math.isqrt(10 ** 40), math.isqrt(2 ** 200 - 1), math.isqrt(True))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([0.5, 4], start=3), math.prod(range(1, 30)), math.prod([2, 2.5]))
tests = [
    lambda: math.factorial(-1),
    lambda: math.factorial(2.0),
    lambda: math.comb(-1, 2),
    lambda: math.perm(5, -1),
    lambda: math.isqrt(-1),
    lambda: math.gcd(1.5, 3),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
