# abs, negation and unary plus
for v in (0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 63, -(2 ** 63), -(2 ** 200)):
    print(abs(v), -v, +v, abs(v) == abs(-v))
print(abs(True), abs(False), type(abs(True)).__name__)
print(-(-(2 ** 64)), -0 == 0, +(-5), -(+5), --5, -+-5)
x = -2 ** 100
print(x, abs(x) - 2 ** 100, abs(x) // 2 ** 99)
print(abs(-9223372036854775808), -(-9223372036854775807 - 1))
print([abs(v) for v in range(-3, 4)], max(range(-5, 3), key=abs))
