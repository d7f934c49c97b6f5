# repr of floats is the shortest round-trip string
for v in (0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1.1, 2.675, 100.0, 1.0, 0.0, -0.0,
          3.14159, 1e-7, 123456789.123, 0.30000000000000004, 9007199254740993.0):
    print(repr(v), str(v))
print(1.5, -2.25, 1e3, 12.0, 1000000.0)
print([0.1, 0.7, 1.0 / 7])
print(float(10 ** 15), float(10 ** 16), float(10 ** 17))
