# exponent notation thresholds in float repr
for e in range(-8, 0):
    v = float('1e%d' % e)
    print(v, 1.5 * v, -v)
for v in (1e15, 1e16, 1.5e16, 12345678901234567.0, 1e22, 1e100, 1.7976931348623157e308,
          5e-324, 2.2250738585072014e-308, 1e-5, 0.0001, 0.00012345, 1.23e-10, -4.5e200):
    print(repr(v))
print(float('1e400'), float('-1e400'))
