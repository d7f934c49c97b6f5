# representable extremes and float properties via arithmetic
big = 1.7976931348623157e308
tiny = 2.2250738585072014e-308
print(big, tiny, big * 2, -tiny)
print(big + 1 == big, 1.0 + 1e-16 == 1.0, 1.0 + 2.220446049250313e-16 == 1.0)
print(2.0 ** 1023, 2.0 ** -1022, 2.0 ** -50)
print(float(2 ** 1023), 0.1 * 0.1)
