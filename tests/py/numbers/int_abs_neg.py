# abs, negation and unary plus
for v in (0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 63, -(2 ** 63), -(2 ** 200)):
    print(abs(v), -v, +v, abs(v) == abs(-v))
print(abs(True), abs(False), type(abs(True)).__name__)
