# conversion between floats and big ints
print(float(2 ** 100), float(-(3 ** 50)), float(10 ** 22), float(10 ** 23))
print(int(1e20), int(1.5e30), int(-2.5e25), int(2.0 ** 80))
print(int(float(2 ** 63)), int(float(2 ** 64 - 1)))
print(2 ** 100 + 0.5, 2 ** 100 * 1.0, (10 ** 30) / 1e10)
print(float(123456789012345678901234567890))
print(float(-(2 ** 80)), float(2 ** 1000) == 2.0 ** 1000)
